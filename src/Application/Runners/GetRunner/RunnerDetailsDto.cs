using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Runners.GetRunner;

/// <summary>
/// A runner with the jobs it ran: the same flat fields as <see cref="RunnerDto"/> (the list's items), plus
/// <c>jobs</c>, newest first. Never carries a secret.
/// </summary>
public sealed record RunnerDetailsDto(
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
    DateTimeOffset? LabelDriftDetectedAt,
    IReadOnlyList<RunnerJobDto> Jobs)
{
    public static RunnerDetailsDto From(RunnerDto runner, IReadOnlyList<RunnerJobDto> jobs)
    {
        ArgumentNullException.ThrowIfNull(runner);
        return new(
            runner.Id,
            runner.Name,
            runner.Team,
            runner.Organization,
            runner.GitHubRunnerId,
            runner.Kind,
            runner.Labels,
            runner.RequestedLabels,
            runner.RunnerGroupId,
            runner.PolicyVersion,
            runner.Ephemeral,
            runner.Status,
            runner.ProvisionedBy,
            runner.ProvisionedByKind,
            runner.CreatedAt,
            runner.UpdatedAt,
            runner.FirstOnlineAt,
            runner.TokenExpiresAt,
            runner.DeletedAt,
            runner.DeletedBy,
            runner.DeletionReason,
            runner.LabelDriftDetectedAt,
            jobs);
    }
}
