using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Infrastructure.Runners;

/// <summary>
/// Publishes the runners a save added, changed or removed to <see cref="RunnerChangeFeed"/> once they are committed:
/// right after the save, or when the surrounding transaction commits (nothing on a rollback or a failed save). Every
/// use case that saves a runner (sync, webhooks, provisioning, deletions) is covered without raising anything itself.
/// </summary>
public sealed class RunnerChangePublication(RunnerChangeFeed feed) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<RunnerChange>> _pending = [];

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
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Publish(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Publish(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var changed = ChangedEntries.Of(context, entity => entity is Runner)
            .Select(e => (Runner)e.Entity)
            .Select(r => new RunnerChange(r.Id, r.TeamId, r.Status))
            .ToList();
        if (changed.Count > 0)
        {
            _pending.GetOrCreateValue(context).AddRange(changed);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Publish(context);
        }
    }

    private void Publish(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var changes))
        {
            return;
        }

        _pending.Remove(context);
        feed.Publish([.. changes.GroupBy(c => c.RunnerId).Select(g => g.Last())]);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
