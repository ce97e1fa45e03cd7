using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Common;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Infrastructure.Identity;

/// <summary>
/// One database-wide lock for the admin roster, taken first in the transaction and held until commit, on every
/// replica's connection: PostgreSQL a transaction-scoped advisory lock, SQL Server a transaction-owned application
/// lock, SQLite the database's single writer lock (taken by a write that changes nothing; a concurrent writer waits
/// for the busy timeout). No table or row is needed. A conditional <c>UPDATE ... WHERE (SELECT COUNT(*) ...) &gt; 1</c>
/// is not enough on its own: under READ COMMITTED two such updates of different rows both see the other admin.
/// </summary>
public sealed class DatabaseAdminRosterLock(AppDbContext db) : IAdminRosterLock
{
    /// <summary>A transaction-scoped advisory lock; the key is "RTadmins" as a 64-bit number.</summary>
    private const string PostgreSqlLock = "SELECT pg_advisory_xact_lock(5932473693114035827)";

    private const string SqlServerLock = """
        DECLARE @granted int;
        EXEC @granted = sp_getapplock @Resource = N'RunnerTokens.AdminRoster', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 30000;
        IF @granted < 0 THROW 50001, N'The admin roster lock was not granted.', 1;
        """;

    /// <summary>A write that changes nothing still takes SQLite's writer lock for the rest of the transaction.</summary>
    private const string SqliteLock = """UPDATE "Users" SET "IsAdmin" = "IsAdmin" WHERE 0 = 1""";

    public Task<Result<T>> RunExclusiveAsync<T>(Func<CancellationToken, Task<Result<T>>> work, CancellationToken cancellationToken) =>
        ExclusiveTransaction.RunAsync(db, TakeLockAsync, work, cancellationToken);

    private Task TakeLockAsync(CancellationToken cancellationToken) => db.Database.ExecuteSqlRawAsync(
        db switch
        {
            PostgreSqlAppDbContext => PostgreSqlLock,
            SqlServerAppDbContext => SqlServerLock,
            SqliteAppDbContext => SqliteLock,
            _ => throw new UnreachableException($"No admin roster lock for {db.GetType().Name}."),
        },
        cancellationToken);
}
