using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Application.Common.Interfaces;

namespace RunnerTokens.Application.Runners.Common;

/// <summary>
/// Asks GitHub to cancel a workflow run (a job-policy violation, or the sync removing a busy drifted runner).
/// Recording the outcome on the job and auditing it stay with the caller, which knows why it cancelled.
/// </summary>
public sealed class WorkflowRunCanceller(IGitHubRunners gitHub)
{
    /// <param name="repositoryFullName"><c>owner/name</c>, as GitHub reports it on the job.</param>
    public async Task<RunCancellation> CancelAsync(string? repositoryFullName, long runId, CancellationToken cancellationToken)
    {
        var parts = repositoryFullName?.Split('/');
        if (parts is not { Length: 2 })
        {
            return new RunCancellation(RunCancellationOutcome.RepositoryUnknown);
        }

        var cancelled = await gitHub.CancelWorkflowRunAsync(parts[0], parts[1], runId, cancellationToken);
        if (!cancelled.IsSuccess)
        {
            return new RunCancellation(RunCancellationOutcome.Failed, cancelled.ToError().Code);
        }

        return new RunCancellation(cancelled.Value == GitHubRunCancellation.Requested
            ? RunCancellationOutcome.Cancelled
            : RunCancellationOutcome.NoLongerCancellable);
    }
}
