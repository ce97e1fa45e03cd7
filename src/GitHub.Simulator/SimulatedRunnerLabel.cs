namespace RunnerTokens.GitHub.Simulator;

/// <summary>A label of a simulated runner; <paramref name="ReadOnly"/> for GitHub's own (self-hosted, OS, architecture).</summary>
public sealed record SimulatedRunnerLabel(long Id, string Name, bool ReadOnly);
