using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Common.Persistence;

/// <summary>
/// Saves whose race is decided by a unique index: the handler checks first (the common case), and when a
/// concurrent request wins between the check and the insert, the database refuses the write and the loser
/// gets the same expected error the check would have given.
/// </summary>
public static class SaveOrConflict
{
    /// <summary>Saves; any <see cref="DbUpdateException"/> is read as the unique key conflict and becomes <paramref name="conflict"/>.</summary>
    public static async Task<Result> SaveOrConflictAsync(this IAppDbContext db, Error conflict, CancellationToken cancellationToken) =>
        await db.TrySaveAsync(cancellationToken) ? Result.Success() : conflict;

    /// <summary>
    /// Saves; a <see cref="DbUpdateException"/> becomes <paramref name="conflict"/> when <paramref name="isConflict"/>
    /// confirms it (e.g. re-reads that the competing row exists), and is rethrown otherwise: a real database failure.
    /// </summary>
    public static async Task<Result> SaveOrConflictAsync(
        this IAppDbContext db,
        Error conflict,
        Func<DbUpdateException, CancellationToken, Task<bool>> isConflict,
        CancellationToken cancellationToken) =>
        await db.TrySaveAsync(isConflict, cancellationToken) ? Result.Success() : conflict;

    /// <summary>True when saved; false when the database refused the write (any <see cref="DbUpdateException"/>).</summary>
    public static Task<bool> TrySaveAsync(this IAppDbContext db, CancellationToken cancellationToken) =>
        db.TrySaveAsync(static (_, _) => Task.FromResult(true), cancellationToken);

    /// <summary>
    /// True when saved; false when the database refused the write and <paramref name="isConflict"/> confirms a key
    /// conflict. Any other <see cref="DbUpdateException"/> is rethrown.
    /// </summary>
    public static async Task<bool> TrySaveAsync(
        this IAppDbContext db,
        Func<DbUpdateException, CancellationToken, Task<bool>> isConflict,
        CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception)
        {
            if (await isConflict(exception, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }
}
