namespace RunnerTokens.Domain.Runners.Reconciliation;

/// <summary>A runner as GitHub lists it. <paramref name="CustomLabels"/> excludes GitHub's read-only labels.</summary>
public sealed record GitHubRunnerState(long Id, string Name, bool Online, bool Busy, IReadOnlyList<string> CustomLabels);
