namespace RunnerTokens.Application.Runners.Common;

/// <summary>What <see cref="WorkflowRunCanceller"/> achieved.</summary>
public enum RunCancellationOutcome
{
    /// <summary>GitHub accepted the cancellation (it completes asynchronously).</summary>
    Cancelled,

    /// <summary>GitHub refused: the run cannot be cancelled any more (usually it has completed).</summary>
    NoLongerCancellable,

    /// <summary>The repository is not known as <c>owner/name</c>, so there was nothing to ask GitHub.</summary>
    RepositoryUnknown,

    /// <summary>The call to GitHub failed (the error code says why).</summary>
    Failed,
}
