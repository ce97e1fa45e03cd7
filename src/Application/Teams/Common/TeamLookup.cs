using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.Common;

internal static class TeamLookup
{
    /// <summary>
    /// The team with this name, if the caller may see it (admins, members, maintainers and the team's
    /// machine identities). Anyone else gets <c>team.not_found</c>, exactly as for a team that does not exist.
    /// </summary>
    public static async Task<Result<Team>> FindVisibleTeamAsync(
        this IAppDbContext db, CallerPrincipal principal, string teamName, CancellationToken cancellationToken)
    {
        var name = TeamNames.Normalize(teamName ?? string.Empty);
        if (!TeamNames.IsValid(name))
        {
            return TeamErrors.NotFound;
        }

        var team = await db.Teams.SingleOrDefaultAsync(t => t.Name == name, cancellationToken);
        return team is not null && principal.CanSee(team.Id) ? team : TeamErrors.NotFound;
    }

    /// <summary>
    /// The visible team (else <c>team.not_found</c>, see <see cref="FindVisibleTeamAsync"/>) if the caller may
    /// manage it: admins and the team's maintainers. Members and machine identities get 403.
    /// </summary>
    public static async Task<Result<Team>> FindManagedTeamAsync(
        this IAppDbContext db, CallerPrincipal principal, string teamName, CancellationToken cancellationToken)
    {
        var team = await db.FindVisibleTeamAsync(principal, teamName, cancellationToken);
        return team.IsFailure || principal.CanManageTeam(team.Value.Id) ? team : AccessErrors.MaintainerRequired;
    }

    /// <summary>
    /// The visible team (else <c>team.not_found</c>, so outsiders learn nothing) if the caller is an admin; the
    /// team's own members and machine identities get 403 <c>auth.admin_required</c>.
    /// </summary>
    public static async Task<Result<Team>> FindTeamForAdminAsync(
        this IAppDbContext db, CallerPrincipal principal, string teamName, CancellationToken cancellationToken)
    {
        var team = await db.FindVisibleTeamAsync(principal, teamName, cancellationToken);
        return team.IsFailure || principal.IsAdmin ? team : AccessErrors.AdminRequired;
    }

    /// <summary>The team's current (highest) policy version. Every team has one from its creation.</summary>
    public static async Task<LabelPolicy> CurrentPolicyAsync(this IAppDbContext db, Guid teamId, CancellationToken cancellationToken) =>
        await db.LabelPolicies
            .Where(p => p.TeamId == teamId)
            .OrderByDescending(p => p.Version)
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new InvalidOperationException($"Team {teamId} has no label policy.");

    public static async Task<int> CurrentPolicyVersionAsync(this IAppDbContext db, Guid teamId, CancellationToken cancellationToken) =>
        await db.LabelPolicies.Where(p => p.TeamId == teamId).MaxAsync(p => (int?)p.Version, cancellationToken) ?? 0;
}
