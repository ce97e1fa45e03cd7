using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.Common;

/// <summary>A team as callers see it.</summary>
/// <param name="PolicyVersion">The current label policy version.</param>
/// <param name="Name">The team's key in URLs: lowercase letters, digits and hyphens.</param>
/// <param name="Organization">The GitHub organization the team's runners register in.</param>
/// <param name="IsActive">False once an admin deactivated the team: nothing is provisioned for it.</param>
/// <param name="DeactivationReason">The reason given when the team was deactivated; null while active.</param>
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
