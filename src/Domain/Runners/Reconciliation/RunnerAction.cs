namespace RunnerTokens.Domain.Runners.Reconciliation;

public enum RunnerActionKind
{
    /// <summary>Record GitHub's status (and id, for a registration-token runner bound by name, see <see cref="RunnerReconciliation.CanBind"/>).</summary>
    Observe,

    /// <summary>Mark the runner deleted; nothing to remove at GitHub.</summary>
    MarkDeleted,

    /// <summary>Remove the runner at GitHub, then mark it deleted.</summary>
    DeleteAtGitHub,
}

/// <summary>One change the sync makes to one runner.</summary>
/// <param name="GitHub">GitHub's view of the runner, when GitHub lists it.</param>
/// <param name="Reason">Why the runner goes, for deletions.</param>
/// <param name="DriftDetected">The runner at GitHub differs from what its policy admitted (first seen now).</param>
/// <param name="Drift">How it differs (labels, runner group, ephemeral flag), whether first seen now or before.</param>
public sealed record RunnerAction(
    Guid RunnerId,
    RunnerActionKind Kind,
    GitHubRunnerState? GitHub,
    RunnerDeletionReason? Reason = null,
    bool DriftDetected = false,
    RunnerDrift Drift = RunnerDrift.None);
