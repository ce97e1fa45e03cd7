namespace RunnerTokens.Application.Runners.Common;

/// <summary>The outcome of cancelling a workflow run, with GitHub's error code when the call failed.</summary>
public readonly record struct RunCancellation(RunCancellationOutcome Outcome, string? ErrorCode = null)
{
    public bool IsCancelled => Outcome == RunCancellationOutcome.Cancelled;

    /// <summary>The text recorded on the job and in the audit trail (<c>cancelled</c>, <c>cancel_failed: ...</c>).</summary>
    public string Describe() => Outcome switch
    {
        RunCancellationOutcome.Cancelled => "cancelled",
        RunCancellationOutcome.NoLongerCancellable => "cancel_failed: run no longer cancellable",
        RunCancellationOutcome.RepositoryUnknown => "cancel_failed: repository unknown",
        _ => $"cancel_failed: {ErrorCode}",
    };
}
