using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;

namespace RunnerTokens.Application.Common.Persistence;

/// <summary>
/// Read-modify-write units of work on rows that carry a concurrency token (runners). When another writer changed a row
/// between this unit's read and its save (another replica's deletion, a webhook, the sync), the database refuses the
/// save with a <see cref="DbUpdateConcurrencyException"/>; the unit's pending changes (its audit events with them) are
/// forgotten and it runs again on the rows' new state, so what it writes and audits follows what is there now: a
/// deleted runner stays deleted. Bounded: the conflict of the last attempt propagates. Unlike
/// <see cref="SaveOrConflict"/>, the caller never sees the race.
/// </summary>
public static class ConcurrentUpdate
{
    /// <summary>Attempts in all (the first and two re-applications).</summary>
    public const int MaxAttempts = 3;

    /// <param name="db">The unit's context; <see cref="IAppDbContext.DiscardPendingChanges"/> runs before each re-application.</param>
    /// <param name="unitOfWork">
    /// Reads what it changes (a query by id returns the tracked row on the first attempt and the database's row after a
    /// conflict), decides, records its audit events and saves. Its argument is true when it runs again after a conflict:
    /// everything it had tracked is forgotten then. Side effects outside the database (a call to GitHub) must be safe
    /// to repeat, or stay outside it.
    /// </param>
    /// <param name="cancellationToken">Passed to <paramref name="unitOfWork"/>.</param>
    public static async Task<T> RetryOnConcurrencyConflictAsync<T>(
        this IAppDbContext db, Func<bool, CancellationToken, Task<T>> unitOfWork, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await unitOfWork(attempt > 1, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                db.DiscardPendingChanges();
            }
        }
    }
}
