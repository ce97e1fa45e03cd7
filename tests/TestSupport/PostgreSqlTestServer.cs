using Npgsql;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.TestSupport;

/// <summary>
/// Databases on the PostgreSQL server named by <see cref="TestDatabases.PostgresVariable"/>. Migrations run once
/// per test process into a template database; each migrated test database is a copy of it
/// (<c>CREATE DATABASE ... TEMPLATE</c>), which is much faster than migrating every time.
/// </summary>
internal static class PostgreSqlTestServer
{
    private const string ObjectInUse = "55006";

    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    public static async Task<TestDatabase> CreateDatabaseAsync(bool migrate, CancellationToken cancellationToken)
    {
        var admin = AdminConnectionString();
        var template = migrate ? await Template.Value : null;
        var name = $"rt_{Guid.NewGuid():N}";
        await CreateAsync(admin, name, template, cancellationToken);

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
        return new TestDatabase(DatabaseProvider.PostgreSql, name, connectionString, async () =>
        {
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                NpgsqlConnection.ClearPool(connection);
            }

            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
        });
    }

    private static string AdminConnectionString()
    {
        var value = Environment.GetEnvironmentVariable(TestDatabases.PostgresVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            Assert.Ignore(
                $"No PostgreSQL server: {TestDatabases.PostgresVariable} is not set. scripts/test.sh starts a throwaway " +
                "PostgreSQL cluster and sets it; or point it at a server where this user may CREATE DATABASE.");
        }

        return value!;
    }

    private static async Task<string> CreateTemplateAsync()
    {
        var admin = AdminConnectionString();
        var name = $"rt_template_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
        await CreateAsync(admin, name, template: null, CancellationToken.None);
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();

        var template = new TestDatabase(DatabaseProvider.PostgreSql, name, connectionString, () => ValueTask.CompletedTask);
        await template.MigrateAsync();

        // A template must have no open connections while it is copied.
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (NpgsqlException)
            {
                // The server may already be gone (scripts/test.sh removes the whole cluster).
            }
        };
        return name;
    }

    private static async Task CreateAsync(string admin, string name, string? template, CancellationToken cancellationToken)
    {
        var sql = template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(admin, sql, cancellationToken);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == ObjectInUse && attempt < 10)
            {
                // Another session briefly holds the template (for example a concurrent copy); try again.
                await Task.Delay(100 * attempt, cancellationToken);
            }
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
