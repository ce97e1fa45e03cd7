using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;

namespace RunnerTokens.Application.Sync.Common;

/// <summary>Which organizations the sync covers, and how each is spelled in the stored rows.</summary>
public sealed class SyncedOrganizations(IAppDbContext db, IOrganizationCatalog catalog)
{
    /// <summary>
    /// The organizations to sync: the configured ones (<c>GitHub:Organizations</c>), or, when none are
    /// configured (simulator/development), the organizations of the existing teams.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var configured = catalog.ConfiguredOrganizations;
        if (configured.Count > 0)
        {
            return configured;
        }

        var fromTeams = await db.Teams.AsNoTracking().Select(t => t.Organization).Distinct().ToListAsync(cancellationToken);
        return [.. fromTeams.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// Every spelling of <paramref name="organization"/> (compared case-insensitively) stored on a team. A runner
    /// copies its team's organization, which never changes, and a team with runners cannot be deleted, so these
    /// are also all the spellings on runners: <c>r.Organization IN (spellings)</c> finds an organization's runners
    /// case-insensitively through the <c>(Organization, ...)</c> indexes, where <c>lower(Organization) = @key</c>
    /// scanned every runner. The teams table is small; its distinct organizations are compared here.
    /// </summary>
    public async Task<IReadOnlyList<string>> StoredSpellingsAsync(string organization, CancellationToken cancellationToken)
    {
        var key = organization.Trim();
        var stored = await db.Teams.AsNoTracking().Select(t => t.Organization).Distinct().ToListAsync(cancellationToken);
        return [.. stored.Where(o => string.Equals(o, key, StringComparison.OrdinalIgnoreCase))];
    }
}
