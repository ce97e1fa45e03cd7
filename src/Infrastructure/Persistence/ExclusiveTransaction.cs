using Microsoft.EntityFrameworkCore;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Infrastructure.Persistence;

/// <summary>
/// A transaction that takes a database lock first and holds it until commit: the shape of the per-team provisioning
/// lock and the admin roster lock. Runs inside the execution strategy (PostgreSQL and SQL Server retry transient
/// failures, which re-runs the whole unit). A successful result commits; a failure rolls back and detaches what the
/// work added.
/// </summary>
internal static class ExclusiveTransaction
{
    public static async Task<Result<T>> RunAsync<T>(
        AppDbContext db,
        Func<CancellationToken, Task> takeLock,
        Func<CancellationToken, Task<Result<T>>> work,
        CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            (takeLock, work),
            async (_, state, ct) =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await state.takeLock(ct);
                try
                {
                    var result = await state.work(ct);
                    if (result.IsSuccess)
                    {
                        await transaction.CommitAsync(ct);
                    }
                    else
                    {
                        await transaction.RollbackAsync(ct);
                        DetachAdded(db);
                    }

                    return result;
                }
                catch
                {
                    DetachAdded(db);
                    throw;
                }
            },
            verifySucceeded: null,
            cancellationToken);
    }

    private static void DetachAdded(AppDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }
}
