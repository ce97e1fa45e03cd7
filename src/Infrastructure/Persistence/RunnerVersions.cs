using Microsoft.EntityFrameworkCore;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Infrastructure.Persistence.Configurations;

namespace RunnerTokens.Infrastructure.Persistence;

/// <summary>
/// Maintains the runner rows' concurrency token (<see cref="RunnerConfiguration.Version"/>) for every writer: each
/// runner a save updates gets the version it was read with plus one, and the update only matches the row at the
/// version it was read with. Computed from the original value, so a save repeated after a failure writes the same
/// version, and one repeated after a reload writes the reloaded version plus one.
/// </summary>
internal static class RunnerVersions
{
    public static void Bump(DbContext context)
    {
        foreach (var entry in ChangedEntries.Of(context, entity => entity is Runner))
        {
            if (entry.State == EntityState.Modified)
            {
                var version = entry.Property(RunnerConfiguration.Version);
                version.CurrentValue = (long)version.OriginalValue! + 1;
            }
        }
    }
}
