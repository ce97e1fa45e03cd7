using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.Common;

internal static class ReservedLabels
{
    /// <summary>
    /// The labels <paramref name="team"/> may not get because other active teams of its organization require
    /// them (<see cref="LabelIsolation"/>). Required labels live in a JSON column, so the other teams' current
    /// policies are loaded (untracked: read only, and kept out of every later change detection) and the rule runs
    /// in memory.
    /// </summary>
    public static async Task<IReadOnlySet<string>> LabelsReservedByOtherTeamsAsync(
        this IAppDbContext db, Team team, LabelPolicy currentPolicy, CancellationToken cancellationToken)
    {
        var others = await db.Teams
            .AsNoTracking()
            .Where(t => t.Id != team.Id && t.IsActive && t.Organization == team.Organization)
            .ToListAsync(cancellationToken);
        if (others.Count == 0)
        {
            return new HashSet<string>(Labels.Comparer);
        }

        var ids = others.Select(t => t.Id).ToList();
        var policies = await db.LabelPolicies
            .AsNoTracking()
            .Where(p => ids.Contains(p.TeamId)
                && p.Version == db.LabelPolicies.Where(q => q.TeamId == p.TeamId).Max(q => q.Version))
            .ToListAsync(cancellationToken);
        var byTeam = policies.ToDictionary(p => p.TeamId);
        return LabelIsolation.ReservedFor(
            team,
            currentPolicy,
            others.Where(t => byTeam.ContainsKey(t.Id)).Select(t => (t, byTeam[t.Id])));
    }
}
