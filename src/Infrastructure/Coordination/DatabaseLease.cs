using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Persistence;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Infrastructure.Coordination;

/// <summary>
/// Leases as rows. Taking one is a single conditional UPDATE (atomic on every provider), or an INSERT when
/// the row does not exist yet (the primary key makes a racing second INSERT fail). No lock is held between calls.
/// </summary>
internal sealed class DatabaseLease(AppDbContext db, TimeProvider clock, LeaseHolderIdentity holder) : IDistributedLease
{
    public string HolderId => holder.Id;

    public async Task<bool> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expires = now + duration;
        var me = holder.Id;

        var taken = await db.Set<LeaseRecord>()
            .Where(l => l.Name == name && (l.Holder == me || l.ExpiresAt <= now))
            .ExecuteUpdateAsync(
                s => s.SetProperty(l => l.ExpiresAt, expires)
                    .SetProperty(l => l.AcquiredAt, l => l.Holder == me ? l.AcquiredAt : now)
                    .SetProperty(l => l.Holder, me),
                cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        if (await db.Set<LeaseRecord>().AsNoTracking().AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }

        db.Set<LeaseRecord>().Add(new LeaseRecord { Name = name, Holder = me, ExpiresAt = expires, AcquiredAt = now });
        if (await db.TrySaveAsync(cancellationToken))
        {
            return true;
        }

        // Another replica inserted the row first: it holds the lease.
        db.ChangeTracker.Clear();
        return false;
    }

    public async Task ReleaseAsync(string name, CancellationToken cancellationToken)
    {
        var me = holder.Id;
        var now = clock.GetUtcNow();
        await db.Set<LeaseRecord>()
            .Where(l => l.Name == name && l.Holder == me)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now), cancellationToken);
    }
}

/// <summary>This process's holder id: machine name plus a random part, so two replicas on one host differ.</summary>
internal sealed class LeaseHolderIdentity
{
    public string Id { get; } = $"{Truncate(Environment.MachineName, 100)}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
