namespace RunnerTokens.Domain.Runners.Reconciliation;

/// <summary>A runner as GitHub lists it. <paramref name="CustomLabels"/> excludes GitHub's read-only labels.</summary>
/// <param name="RunnerGroupId">The runner group, when GitHub reports it (null: unknown, never a mismatch).</param>
/// <param name="Ephemeral">Whether the runner is ephemeral, when GitHub reports it (null: unknown, never a mismatch).</param>
public sealed record GitHubRunnerState(
    long Id,
    string Name,
    bool Online,
    bool Busy,
    IReadOnlyList<string> CustomLabels,
    long? RunnerGroupId = null,
    bool? Ephemeral = null);
