using RunnerTokens.Application.Teams.Common;

namespace RunnerTokens.Api.Contracts.Teams;

/// <summary>One version of a team's label policy. <c>createdBy</c> is the id of the principal who saved it.</summary>
public sealed record LabelPolicyResponse(
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
    public static LabelPolicyResponse From(LabelPolicyDto policy) => new(
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
