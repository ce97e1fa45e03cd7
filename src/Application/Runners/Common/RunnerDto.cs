using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Runners.Common;

/// <summary>A runner as the API shows it. Never carries a secret.</summary>
public sealed record RunnerDto(
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
    public static RunnerDto From(Runner runner, string teamName) => new(
        runner.Id,
        runner.Name,
        teamName,
        runner.Organization,
        runner.GitHubRunnerId,
        runner.Kind,
        runner.Labels,
        runner.RequestedLabels,
        runner.RunnerGroupId,
        runner.PolicyVersion,
        runner.Ephemeral,
        runner.Status,
        runner.ProvisionedByDisplay,
        WireName(runner.ProvisionedByKind),
        runner.CreatedAt,
        runner.UpdatedAt,
        runner.FirstOnlineAt,
        runner.TokenExpiresAt,
        runner.DeletedAt,
        runner.DeletedBy,
        runner.DeletionReason,
        runner.LabelDriftDetectedAt);

    /// <summary>The kind as the wire spells it (lower case), without allocating a string per runner.</summary>
    private static string WireName(PrincipalKind kind) => kind switch
    {
        PrincipalKind.User => "user",
        PrincipalKind.Machine => "machine",
        PrincipalKind.System => "system",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
