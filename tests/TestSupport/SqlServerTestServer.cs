using DotNet.Testcontainers.Builders;
using Microsoft.Data.SqlClient;
using RunnerTokens.Infrastructure.Persistence;
using Testcontainers.MsSql;

namespace RunnerTokens.TestSupport;

/// <summary>
/// Databases on a SQL Server 2022 container started once per test process with Testcontainers (the resource
/// reaper removes it when the process ends). Without a Docker engine the tests are ignored with the reason.
/// </summary>
internal static class SqlServerTestServer
{
    public const string Image = "mcr.microsoft.com/mssql/server:2022-latest";

    private static readonly Lazy<Task<MsSqlContainer>> Container = new(StartAsync);

    public static async Task<TestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        MsSqlContainer container;
        try
        {
            container = await Container.Value;
        }
        catch (DockerUnavailableException ex)
        {
            var reason = ex.Message.Split('\n', 2)[0].Trim();
            Assert.Ignore($"No SQL Server: these tests run {Image} through Testcontainers and no Docker engine answered ({reason})");
            throw; // Unreachable: Assert.Ignore throws.
        }

        var master = container.GetConnectionString();
        var name = $"rt_{Guid.NewGuid():N}";
        await ExecuteAsync(master, $"CREATE DATABASE [{name}]", cancellationToken);

        var connectionString = new SqlConnectionStringBuilder(master) { InitialCatalog = name }.ToString();
        return new TestDatabase(DatabaseProvider.SqlServer, name, connectionString, async () =>
        {
            await using (var connection = new SqlConnection(connectionString))
            {
                SqlConnection.ClearPool(connection);
            }

            await ExecuteAsync(
                master,
                $"ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}];",
                CancellationToken.None);
        });
    }

    private static async Task<MsSqlContainer> StartAsync()
    {
        // Build() already throws DockerUnavailableException (in well under a second) when no engine answers.
        var container = new MsSqlBuilder(Image).Build();
        await container.StartAsync();
        return container;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
