using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.Contracts.Teams;

/// <summary>
/// A whole label policy: saving it makes the team's next policy version. Omitted lists are empty,
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
