using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RunnerTokens.Infrastructure.Persistence;

/// <summary>
/// Lets this process's SQLite write transactions queue for the database's single writer lock without sleeping.
/// Microsoft.Data.Sqlite answers a busy <c>BEGIN IMMEDIATE</c> by blocking the thread in <c>Thread.Sleep(150)</c>
/// and trying again until <c>DefaultTimeout</c>: under concurrent provisioning most request threads sat in that
/// sleep (72% of the request threads' samples at 64 clients), starving the thread pool and making every wait a
/// multiple of 150 ms. Here a transaction first awaits its turn on an in-process semaphore (asynchronous, released
/// as soon as the holder commits or rolls back), then begins as before.
/// <para>
/// The gate is given back on commit or rollback, when EF closes the holder's connection (a transaction disposed
/// without either, after an exception or a cancelled request), and in any case as soon as a waiter sees that the
/// holder's SQLite transaction is over (Microsoft.Data.Sqlite clears a transaction's connection when it completes,
/// including the rollback on dispose or when a pooled context's connection is disposed): a path that EF reports by no
/// event (a request cancelled between BEGIN and EF taking the transaction over) costs a waiter at most one
/// <see cref="CheckEvery"/>, never a leaked gate.
/// </para>
/// <para>
/// Only an optimisation: SQLite's own writer lock still decides (the quota and name checks rely on it, not on this
/// gate). Writers outside this process, or writes outside a transaction, still meet SQLite's busy handling; a
/// transaction that waited here longer than the connection's default timeout proceeds without the gate (the old
/// behaviour), so a mistake here can delay a writer but never deadlock it.
/// </para>
/// </summary>
internal sealed class SqliteWriteGate(TimeSpan maxWait) : DbTransactionInterceptor, IDbConnectionInterceptor
{
    /// <summary>How often a waiter checks whether the holder's transaction ended without an event.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The transaction holding the gate, if any.</summary>
    private Holder? _holder;

    public override InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (result.HasResult)
        {
            return result;
        }

        var waited = Stopwatch.StartNew();
        while (!_gate.Wait(CheckEvery))
        {
            if (!ReleaseIfOver() && waited.Elapsed >= maxWait)
            {
                return result;
            }
        }

        return Begin(connection, eventData);
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (result.HasResult)
        {
            return result;
        }

        var waited = Stopwatch.StartNew();
        while (!await _gate.WaitAsync(CheckEvery, cancellationToken))
        {
            if (!ReleaseIfOver() && waited.Elapsed >= maxWait)
            {
                return result;
            }
        }

        return Begin(connection, eventData);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Release(eventData.TransactionId);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.TransactionId);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        Release(eventData.TransactionId);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.TransactionId);
        return Task.CompletedTask;
    }

    /// <summary>A transaction disposed without commit or rollback (an exception) ends when EF closes its connection.</summary>
    void IDbConnectionInterceptor.ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) =>
        ReleaseIfOver();

    Task IDbConnectionInterceptor.ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        ReleaseIfOver();
        return Task.CompletedTask;
    }

    /// <summary>Microsoft.Data.Sqlite begins synchronously whatever the API; this is what EF itself would call.</summary>
    private InterceptionResult<DbTransaction> Begin(DbConnection connection, TransactionStartingEventData eventData)
    {
        DbTransaction transaction;
        try
        {
            transaction = connection.BeginTransaction(eventData.IsolationLevel);
        }
        catch
        {
            _gate.Release();
            throw;
        }

        Volatile.Write(ref _holder, new Holder(eventData.TransactionId, transaction));
        return InterceptionResult<DbTransaction>.SuppressWithResult(transaction);
    }

    private void Release(Guid transactionId)
    {
        var holder = Volatile.Read(ref _holder);
        if (holder is not null && holder.TransactionId == transactionId)
        {
            Release(holder);
        }
    }

    /// <summary>A completed SQLite transaction has no connection any more: its writer lock is gone, so is its turn.</summary>
    private bool ReleaseIfOver()
    {
        var holder = Volatile.Read(ref _holder);
        return holder is not null && holder.Transaction.Connection is null && Release(holder);
    }

    /// <summary>Only the one who clears the holder releases: commit and close both arrive for a normal transaction.</summary>
    private bool Release(Holder holder)
    {
        if (Interlocked.CompareExchange(ref _holder, null, holder) != holder)
        {
            return false;
        }

        _gate.Release();
        return true;
    }

    private sealed record Holder(Guid TransactionId, DbTransaction Transaction);
}
