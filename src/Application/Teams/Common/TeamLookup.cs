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
