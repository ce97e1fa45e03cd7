using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Runners.Common;

/// <summary>A runner as the API shows it. Never carries a secret.</summary>
/// <remarks>Not sealed: <see cref="GetRunner.RunnerDetailsDto"/> is the same flat shape plus the jobs it ran.</remarks>
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
        runner.ProvisionedByKind.ToString().ToLowerInvariant(),
        runner.CreatedAt,
        runner.UpdatedAt,
        runner.FirstOnlineAt,
        runner.TokenExpiresAt,
        runner.DeletedAt,
        runner.DeletedBy,
        runner.DeletionReason,
        runner.LabelDriftDetectedAt);
}
