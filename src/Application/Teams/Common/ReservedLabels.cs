using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.Common;

internal static class ReservedLabels
{
    /// <summary>
    /// The labels <paramref name="team"/> may not get because other active teams of its organization require
    /// them (<see cref="LabelIsolation"/>). Required labels live in a JSON column, so the other teams' current
    /// required labels are selected (that column only, untracked: no entities) and the rule runs in memory.
    /// </summary>
    public static async Task<IReadOnlySet<string>> LabelsReservedByOtherTeamsAsync(
        this IAppDbContext db, Team team, LabelPolicy currentPolicy, CancellationToken cancellationToken)
    {
        // Organization names are case-insensitive (LabelIsolation compares them so), and a team keeps the spelling
        // it was created with; lower() is ASCII-only on SQLite, which is all an organization name may hold.
        var organization = team.Organization.ToLowerInvariant();
        var required = await db.LabelPolicies
            .AsNoTracking()
            .Where(p => p.TeamId != team.Id
                && db.Teams.Any(t => t.Id == p.TeamId && t.IsActive && t.Organization.ToLower() == organization)
                && p.Version == db.LabelPolicies.Where(q => q.TeamId == p.TeamId).Max(q => q.Version))
            .Select(p => p.RequiredLabels)
            .ToListAsync(cancellationToken);
        return LabelIsolation.ReservedFromRequired(currentPolicy, required);
    }
}
