namespace RunnerTokens.Application.Common.Metrics;

/// <summary>How many live runners of one team are in one status.</summary>
public sealed record RunnerCount(string Team, string Status, long Count);
