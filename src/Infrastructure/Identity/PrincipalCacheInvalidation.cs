using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Teams;

using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Infrastructure.Identity;

/// <summary>
/// Keeps <see cref="PrincipalCache"/> honest on this replica: when a save changes a user, a team membership, a team
/// or a machine identity, the cache is invalidated after the save and again when the surrounding transaction
/// commits (a reader between the two would otherwise cache the state from before the commit).
/// </summary>
internal sealed class PrincipalCacheInvalidation(PrincipalCache cache) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Flush(eventData.Context, committed: eventData.Context?.Database.CurrentTransaction is null);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context, committed: eventData.Context?.Database.CurrentTransaction is null);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Flush(eventData.Context, committed: true);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context, committed: true);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context, committed: true);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context, committed: true);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context, committed: true);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context, committed: true);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // Only the four kinds of entity that decide who someone is are change-detected here.
        if (ChangedEntries.Of(context, DecidesAccess).Count > 0)
        {
            _pending.AddOrUpdate(context, context);
        }
    }

    private static bool DecidesAccess(object entity) => entity is User or TeamMembership or Team or MachineIdentity;

    private void Flush(DbContext? context, bool committed)
    {
        if (context is null || !_pending.TryGetValue(context, out _))
        {
            return;
        }

        cache.Invalidate();
        if (committed)
        {
            _pending.Remove(context);
        }
    }
}
