using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.Contracts.Teams;

/// <summary>
/// A new team's first label policy (team creation only; replacing a policy takes <see cref="ReplaceLabelPolicyRequest"/>). Omitted lists are empty,
/// omitted numbers are null (no default group, unlimited runners), omitted flags are false.
/// </summary>
public sealed record LabelPolicyRequest(
    IReadOnlyList<string>? RequiredLabels,
    IReadOnlyList<string>? AllowedLabelPatterns,
    IReadOnlyList<long>? AllowedRunnerGroupIds,
    long? DefaultRunnerGroupId,
    int? MaxRunners,
    bool AllowRegistrationTokens,
    bool AllowPersistentRunners)
{
    public LabelPolicySettings ToSettings() => new(
        RequiredLabels ?? [],
        AllowedLabelPatterns ?? [],
        AllowedRunnerGroupIds ?? [],
        DefaultRunnerGroupId,
        MaxRunners,
        AllowRegistrationTokens,
        AllowPersistentRunners);
}
