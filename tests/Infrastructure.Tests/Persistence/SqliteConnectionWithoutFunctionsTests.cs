using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Infrastructure.Tests.Persistence;

/// <summary>
/// The SQLite contexts open connections without the provider's decimal and regexp functions (issue 10: they were
/// registered and removed natively around every query, leaving finalizable handles behind). Safe only while the
/// model has no decimal property, which the second test keeps true.
/// </summary>
public sealed class SqliteConnectionWithoutFunctionsTests
{
    [Test]
    public async Task The_registered_sqlite_context_works_and_its_connections_carry_none_of_the_providers_functions()
    {
        var file = Path.Combine(Path.GetTempPath(), $"runnertokens-functions-{Guid.NewGuid():N}.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:RunnerTokens"] = $"Data Source={file}",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddApplication();
        services.AddPersistence(configuration, Path.GetTempPath());
        await using (var provider = services.BuildServiceProvider())
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.MigrateAsync();

            db.GetService<IRelationalConnection>().ShouldBeOfType<SqliteConnectionWithoutFunctions>();
            (await db.Runners.CountAsync()).ShouldBe(0);
            await db.Database.OpenConnectionAsync();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            foreach (var call in new[] { "ef_add(1, 2)", "ef_compare(1, 2)", "regexp('a', 'a')" })
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {call}";
                var missing = await Should.ThrowAsync<SqliteException>(() => command.ExecuteScalarAsync());
                missing.Message.ShouldContain("no such function");
            }
        }

        SqliteConnection.ClearAllPools();
        File.Delete(file);
    }

    [Test]
    public void The_model_has_no_decimal_property_so_no_query_needs_the_decimal_functions()
    {
        using var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options);

        var decimals = db.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties().Select(p => (Entity: e.ShortName(), Property: p)))
            .Where(x => Nullable.GetUnderlyingType(x.Property.ClrType) is { } inner ? inner == typeof(decimal) : x.Property.ClrType == typeof(decimal)
                || x.Property.GetValueConverter()?.ProviderClrType == typeof(decimal))
            .Select(x => $"{x.Entity}.{x.Property.Name}")
            .ToList();

        decimals.ShouldBeEmpty("a decimal property needs EF's SQLite decimal functions: drop SqliteConnectionWithoutFunctions first");
    }
}
