using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.Common;

/// <summary>One version of a team's label policy. <c>createdBy</c> is the id of the principal who saved it.</summary>
public sealed record LabelPolicyDto(
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
    public static LabelPolicyDto From(LabelPolicy policy) => policy.ToDto();
}
