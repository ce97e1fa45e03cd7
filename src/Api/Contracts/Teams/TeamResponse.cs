using RunnerTokens.Application.Teams.Common;

namespace RunnerTokens.Api.Contracts.Teams;

/// <summary>A team. <c>deactivatedBy</c> is the id of the principal who deactivated it.</summary>
public sealed record TeamResponse(
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
    public static TeamResponse From(TeamDto team) => new(
        team.Id,
        team.Name,
        team.Description,
        team.Organization,
        team.IsActive,
        team.DeactivationReason,
        team.DeactivatedAt,
        team.DeactivatedBy,
        team.PolicyVersion,
        team.CreatedAt,
        team.UpdatedAt);
}
