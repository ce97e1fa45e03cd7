namespace RunnerTokens.Domain.Runners.Reconciliation;

public enum RunnerActionKind
{
    /// <summary>Record GitHub's status (and id, for a registration-token runner matched by name).</summary>
    Observe,

    /// <summary>Mark the runner deleted; nothing to remove at GitHub.</summary>
    MarkDeleted,

    /// <summary>Remove the runner at GitHub, then mark it deleted.</summary>
    DeleteAtGitHub,
}

/// <summary>One change the sync makes to one runner.</summary>
/// <param name="GitHub">GitHub's view of the runner, when GitHub lists it.</param>
/// <param name="Reason">Why the runner goes, for deletions.</param>
/// <param name="DriftDetected">The runner's labels at GitHub differ from what its policy admitted (first seen now).</param>
public sealed record RunnerAction(
    Guid RunnerId,
    RunnerActionKind Kind,
    GitHubRunnerState? GitHub,
    RunnerDeletionReason? Reason = null,
    bool DriftDetected = false);
