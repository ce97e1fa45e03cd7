using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.Common;

/// <summary>One version of a team's label policy, in full.</summary>
public sealed record LabelPolicyDto(
    Guid Id,
    Guid TeamId,
    int Version,
    IReadOnlyList<string> RequiredLabels,
    IReadOnlyList<string> AllowedLabelPatterns,
    IReadOnlyList<long> AllowedRunnerGroupIds,
    long? DefaultRunnerGroupId,
    int? MaxRunners,
    bool AllowRegistrationTokens,
    bool AllowPersistentRunners,
    string CreatedBy,
    DateTimeOffset CreatedAt)
{
    public static LabelPolicyDto From(LabelPolicy policy) => new(
        policy.Id,
        policy.TeamId,
        policy.Version,
        policy.RequiredLabels,
        policy.AllowedLabelPatterns,
        policy.AllowedRunnerGroupIds,
        policy.DefaultRunnerGroupId,
        policy.MaxRunners,
        policy.AllowRegistrationTokens,
        policy.AllowPersistentRunners,
        policy.CreatedBy,
        policy.CreatedAt);
}
