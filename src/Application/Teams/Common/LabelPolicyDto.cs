using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.Common;

/// <summary>One version of a team's label policy. <c>createdBy</c> is the id of the principal who saved it.</summary>
/// <param name="Version">Increases by one with every change; send it back as <c>If-Match</c> to change the policy safely.</param>
/// <param name="RequiredLabels">Labels every runner of the team carries, first and in this order.</param>
/// <param name="AllowedLabelPatterns">Anchored regular expressions; a requested label must match one of them.</param>
/// <param name="AllowedRunnerGroupIds">GitHub runner groups the team may use.</param>
/// <param name="DefaultRunnerGroupId">The group used when a request names none.</param>
/// <param name="MaxRunners">The team's quota of live runners; null for no limit.</param>
/// <param name="AllowRegistrationTokens">Whether the team may be issued registration tokens (JIT configurations are always allowed).</param>
/// <param name="AllowPersistentRunners">Whether runners may be non-ephemeral.</param>
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
