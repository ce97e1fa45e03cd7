using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace RunnerTokens.Infrastructure.Persistence;

/// <summary>
/// What a save is about to write, for the entities a save interceptor cares about, without a full DetectChanges:
/// <c>ChangeTracker.Entries()</c> would run one over everything tracked, in each interceptor, and SaveChanges runs its
/// own right after them anyway (issue 10). Whatever is tracked is still looked at once per interceptor: a unit that
/// reads many rows and saves them one by one reads them untracked (<c>IUntrackedRunners</c>).
/// </summary>
internal static class ChangedEntries
{
    /// <summary>The added, modified or deleted entries whose entity <paramref name="matches"/>, each change-detected on its own.</summary>
    public static List<EntityEntry> Of(DbContext context, Func<object, bool> matches)
    {
        var tracker = context.ChangeTracker;
        var autoDetect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in tracker.Entries().Where(e => matches(e.Entity) && e.State == EntityState.Unchanged).ToList())
            {
                entry.DetectChanges(); // its properties, and its navigations (an entity added through a collection)
            }

            return [.. tracker.Entries().Where(e => matches(e.Entity) && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)];
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }
    }
}
