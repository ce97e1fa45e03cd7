using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace RunnerTokens.Infrastructure.Persistence;

/// <summary>Applies pending migrations; on SQLite also switches the file to WAL so readers never block the writer.</summary>
public sealed partial class DatabaseMigrator(AppDbContext db, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        LogMigrated(logger, db.Database.ProviderName ?? "unknown", pending.Count);

        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready on {Provider}: {Applied} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, string provider, int applied);
}
