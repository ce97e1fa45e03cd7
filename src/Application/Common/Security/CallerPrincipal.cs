using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Common.Security;

/// <summary>
/// The resolved caller of a request: a known user or a machine identity acting for one team.
/// Every authorization decision is made from this, never from raw token claims.
/// </summary>
public sealed record CallerPrincipal(
    PrincipalKind Kind,
    Guid Id,
    string DisplayName,
    bool IsAdmin,
    IReadOnlyList<TeamAccess> Teams)
{
    public AuditActor ToAuditActor() => new(Kind, Id.ToString(), DisplayName);

    public TeamAccess? AccessTo(Guid teamId) => Teams.FirstOrDefault(t => t.TeamId == teamId);

    /// <summary>The caller's access to the team of this (normalized) name, or null when they are not in it.</summary>
    public TeamAccess? AccessTo(string normalizedTeamName) =>
        Teams.FirstOrDefault(t => string.Equals(t.TeamName, normalizedTeamName, StringComparison.Ordinal));

    public bool CanSee(Guid teamId) => IsAdmin || AccessTo(teamId) is not null;
}
