using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Metrics;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Sync.Common;

/// <summary>Refreshes the runner-count gauges (per team and status) of one organization after its sync.</summary>
public sealed class RunnerCountGauges(IAppDbContext db, RunnerTokensMetrics metrics)
{
    /// <param name="organization">The organization's key (lower case), the gauges' label.</param>
    /// <param name="spellings">Its stored spellings (<see cref="SyncedOrganizations.StoredSpellingsAsync"/>).</param>
    public async Task RefreshAsync(string organization, IReadOnlyList<string> spellings, CancellationToken cancellationToken)
    {
        var counts = await db.Runners.AsNoTracking()
            .Where(r => spellings.Contains(r.Organization) && r.Status != RunnerStatus.Deleted)
            .GroupBy(r => new { r.TeamId, r.Status })
            .Select(g => new { g.Key.TeamId, g.Key.Status, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var teamIds = counts.Select(c => c.TeamId).Distinct().ToList();
        var names = await db.Teams.AsNoTracking()
            .Where(t => teamIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        metrics.SetRunnerCounts(organization, [.. counts.Select(c => new RunnerCount(
            names.GetValueOrDefault(c.TeamId, c.TeamId.ToString()), SyncWire.Name(c.Status), c.Count))]);
    }
}
