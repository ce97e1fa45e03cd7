using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.TestSupport;

/// <summary>
/// Gives each test its own fresh database on any provider, so tests (concurrency tests included) never share
/// state. SQLite is always available (a temporary file). PostgreSQL needs an admin connection string in
/// <see cref="PostgresVariable"/> (scripts/test.sh starts a throwaway cluster and sets it); each database is
/// created on that server with a unique name and dropped on dispose. SQL Server runs in a container started
/// once per test process through Testcontainers. A provider that cannot run here makes the test
/// <see cref="Assert.Ignore(string)"/> with the reason; it never passes silently.
/// </summary>
/// <example>
/// <code>
/// await using var database = await TestDatabases.CreateAsync(DatabaseProvider.PostgreSql);
/// await using var db = database.CreateContext();
/// </code>
/// </example>
public static class TestDatabases
{
    /// <summary>Environment variable holding a PostgreSQL connection string allowed to CREATE and DROP databases.</summary>
    public const string PostgresVariable = "RUNNERTOKENS_TEST_POSTGRES";

    /// <summary>Every provider, for <c>[TestFixtureSource]</c> or <c>[TestCaseSource]</c>.</summary>
    public static IReadOnlyList<DatabaseProvider> Providers { get; } =
        [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql, DatabaseProvider.SqlServer];

    /// <summary>Creates a fresh database.</summary>
    /// <param name="provider">The database engine.</param>
    /// <param name="migrate">Apply every migration (default); false gives an empty database.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true, CancellationToken cancellationToken = default)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = CreateSqlite();
                if (migrate)
                {
                    await sqlite.MigrateAsync(cancellationToken);
                }

                return sqlite;
            case DatabaseProvider.PostgreSql:
                return await PostgreSqlTestServer.CreateDatabaseAsync(migrate, cancellationToken);
            case DatabaseProvider.SqlServer:
                var sqlServer = await SqlServerTestServer.CreateDatabaseAsync(cancellationToken);
                if (migrate)
                {
                    await sqlServer.MigrateAsync(cancellationToken);
                }

                return sqlServer;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }
    }

    /// <summary>A context on <paramref name="connectionString"/> configured as the service configures it.</summary>
    public static AppDbContext CreateContext(DatabaseProvider provider, string connectionString) => provider switch
    {
        // Mirrors Infrastructure's PersistenceRegistration so tests meet the same retry behaviour as production.
        DatabaseProvider.Sqlite => new SqliteAppDbContext(
            new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connectionString).Options),
        DatabaseProvider.SqlServer => new SqlServerAppDbContext(
            new DbContextOptionsBuilder<SqlServerAppDbContext>().UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure()).Options),
        DatabaseProvider.PostgreSql => new PostgreSqlAppDbContext(
            new DbContextOptionsBuilder<PostgreSqlAppDbContext>().UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure()).Options),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    private static TestDatabase CreateSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "runnertokens-tests");
        Directory.CreateDirectory(folder);
        var name = $"rt_{Guid.NewGuid():N}";
        var path = Path.Combine(folder, name + ".db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30 }.ToString();

        // Create the (empty) file now, as a server creates an empty database: EF reports a missing file as no database.
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
        }

        return new TestDatabase(DatabaseProvider.Sqlite, name, connectionString, () =>
        {
            using (var connection = new SqliteConnection(connectionString))
            {
                SqliteConnection.ClearPool(connection);
            }

            foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // Best effort: the temp folder is disposable.
                }
            }

            return ValueTask.CompletedTask;
        });
    }
}
