namespace RunnerTokens.Application.Common.GitHub;

/// <summary>What asking GitHub to cancel a workflow run found.</summary>
public enum GitHubRunCancellation
{
    /// <summary>202: GitHub accepted the cancellation (it completes asynchronously).</summary>
    Requested,

    /// <summary>409: the run cannot be cancelled any more (usually it has completed).</summary>
    NotCancellable,
}
