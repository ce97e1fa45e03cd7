using Microsoft.EntityFrameworkCore;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Infrastructure.Persistence;
using RunnerTokens.TestSupport;

namespace RunnerTokens.Infrastructure.Tests.Persistence;

/// <summary>The shared <see cref="TestDatabases"/> helper keeps its promises on every provider.</summary>
[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.Providers))]
public sealed class TestDatabasesTests(DatabaseProvider provider)
{
    [Test]
    public async Task Each_database_is_fresh_migrated_and_isolated()
    {
        await using var first = await TestDatabases.CreateAsync(provider);
        await using var second = await TestDatabases.CreateAsync(provider);
        first.Name.ShouldNotBe(second.Name);

        await using (var db = first.CreateContext())
        {
            db.Users.Add(User.Register("https://issuer.example", "sub-1", null, "One", RoundTripSamples.Now).Value);
            await db.SaveChangesAsync();
        }

        await using var firstDb = first.CreateContext();
        await using var secondDb = second.CreateContext();
        (await firstDb.Users.CountAsync()).ShouldBe(1);
        (await secondDb.Users.CountAsync()).ShouldBe(0);
        (await secondDb.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }

    [Test]
    public async Task Disposing_drops_the_database()
    {
        var database = await TestDatabases.CreateAsync(provider, migrate: false);
        await using (var db = database.CreateContext())
        {
            (await db.Database.CanConnectAsync()).ShouldBeTrue();
        }

        await database.DisposeAsync();

        if (provider == DatabaseProvider.Sqlite)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
            File.Exists(file).ShouldBeFalse();
        }
        else
        {
            await using var db = database.CreateContext();
            (await db.Database.CanConnectAsync()).ShouldBeFalse();
        }
    }
}
