using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.Common;

/// <summary>A team as callers see it.</summary>
/// <param name="PolicyVersion">The current label policy version.</param>
public sealed record TeamDto(
    Guid Id,
    string Name,
    string Description,
    string Organization,
    bool IsActive,
    string? DeactivationReason,
    DateTimeOffset? DeactivatedAt,
    string? DeactivatedBy,
    int PolicyVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static TeamDto From(Team team, int policyVersion) => new(
        team.Id,
        team.Name,
        team.Description,
        team.Organization,
        team.IsActive,
        team.DeactivationReason,
        team.DeactivatedAt,
        team.DeactivatedBy,
        policyVersion,
        team.CreatedAt,
        team.UpdatedAt);
}
