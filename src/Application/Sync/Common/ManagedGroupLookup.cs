using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Runners.Reconciliation;

namespace RunnerTokens.Application.Sync.Common;

public static class ManagedGroupLookup
{
    /// <summary>
    /// The managed runner groups (<see cref="ManagedRunnerGroups"/>) of the organization whose stored spellings are
    /// <paramref name="spellings"/>: from the current policy of each of its teams, active or not (a deactivated
    /// team's runners still live in its groups).
    /// </summary>
    public static async Task<IReadOnlySet<long>> ManagedRunnerGroupsAsync(
        this IAppDbContext db, IReadOnlyList<string> spellings, bool includeGitHubDefaultGroup, CancellationToken cancellationToken)
    {
        var teamIds = await db.Teams.AsNoTracking().Where(t => spellings.Contains(t.Organization)).Select(t => t.Id).ToListAsync(cancellationToken);
        var policies = await db.LabelPolicies.AsNoTracking()
            .Where(p => teamIds.Contains(p.TeamId)
                && p.Version == db.LabelPolicies.Where(q => q.TeamId == p.TeamId).Max(q => q.Version))
            .ToListAsync(cancellationToken);
        return ManagedRunnerGroups.Of(policies, includeGitHubDefaultGroup);
    }
}
