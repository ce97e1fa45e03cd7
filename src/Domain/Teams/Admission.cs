namespace RunnerTokens.Domain.Teams;

/// <summary>A runner the policy admits: the labels it gets and the runner group it joins.</summary>
/// <param name="Labels">Required labels first, then the requested ones, without duplicates (first spelling kept).</param>
/// <param name="PolicyVersion">Recorded on the runner: the policy version that admitted it.</param>
public sealed record Admission(IReadOnlyList<string> Labels, long RunnerGroupId, Guid PolicyId, int PolicyVersion);
