using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Runners.Common;

/// <summary>A runner as the API shows it. Never carries a secret.</summary>
/// <remarks>Not sealed: <see cref="GetRunner.RunnerDetailsDto"/> is the same flat shape plus the jobs it ran.</remarks>
/// <param name="Id">The service's id of the runner (stable, never reused).</param>
/// <param name="Name">The runner's name at GitHub, unique per organization among live runners (case-insensitively).</param>
/// <param name="Team">The owning team's name.</param>
/// <param name="Organization">The GitHub organization the runner is registered in.</param>
/// <param name="GitHubRunnerId">GitHub's runner id; null until GitHub assigned one (registration tokens: until the runner registered).</param>
/// <param name="Kind"><c>jit</c> (a JIT configuration) or <c>registrationToken</c> (a time-limited registration token).</param>
/// <param name="Labels">The final labels bound at GitHub, in order: the policy's required labels, then the requested ones.</param>
/// <param name="RequestedLabels">The labels the caller asked for.</param>
/// <param name="RunnerGroupId">The GitHub runner group the runner was admitted to.</param>
/// <param name="PolicyVersion">The team label policy version that admitted the runner.</param>
/// <param name="Ephemeral">True when the runner takes one job and is then removed by GitHub.</param>
/// <param name="ProvisionedBy">Who provisioned it: a user's display name or a machine identity's name.</param>
/// <param name="ProvisionedByKind"><c>user</c> or <c>machine</c>.</param>
/// <param name="FirstOnlineAt">When GitHub first showed the runner online; null while pending.</param>
/// <param name="TokenExpiresAt">When the registration token expires (registration-token runners only).</param>
/// <param name="DeletedAt">When the runner was deleted; null while live.</param>
/// <param name="DeletedBy">Who deleted it (a principal's display name, or a service actor such as <c>sync</c>); null while live.</param>
/// <param name="DeletionReason">Why it was deleted; null while live.</param>
/// <param name="LabelDriftDetectedAt">When the sync first saw GitHub's labels, group or ephemeral flag differ from what was admitted.</param>
public record RunnerDto(
    Guid Id,
    string Name,
    string Team,
    string Organization,
    long? GitHubRunnerId,
    RunnerKind Kind,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> RequestedLabels,
    long RunnerGroupId,
    int PolicyVersion,
    bool Ephemeral,
    RunnerStatus Status,
    string ProvisionedBy,
    string ProvisionedByKind,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FirstOnlineAt,
    DateTimeOffset? TokenExpiresAt,
    DateTimeOffset? DeletedAt,
    string? DeletedBy,
    RunnerDeletionReason? DeletionReason,
    DateTimeOffset? LabelDriftDetectedAt)
{
    /// <summary>The DTO of a runner already in memory: the same projection the list and get queries run in SQL.</summary>
    public static RunnerDto From(Runner runner, string teamName) => RunnerQueries.Materialize(runner, teamName);

    /// <summary>The kind as the wire spells it (lower case), without allocating a string per runner.</summary>
    internal static string WireName(PrincipalKind kind) => kind switch
    {
        PrincipalKind.User => "user",
        PrincipalKind.Machine => "machine",
        PrincipalKind.System => "system",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
