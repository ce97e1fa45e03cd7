using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using RunnerTokens.Infrastructure.Persistence;
using RunnerTokens.TestSupport;

namespace RunnerTokens.Infrastructure.Tests.Persistence;

/// <summary>
/// For every provider: the migrations build the model exactly, and every entity type survives a write and a
/// read in a fresh context. PostgreSQL runs when scripts/test.sh (or RUNNERTOKENS_TEST_POSTGRES) provides a
/// server; SQL Server when a Docker engine answers. Otherwise those cases are ignored with the reason.
/// </summary>
[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.Providers))]
public sealed class PersistenceProviderTests(DatabaseProvider provider)
{
    private const string SamplesFile = "tests/Infrastructure.Tests/Persistence/RoundTripSamples.cs";

    [Test]
    public async Task Migrations_build_an_empty_database_that_matches_the_model()
    {
        await using var database = await TestDatabases.CreateAsync(provider, migrate: false);
        await using var db = database.CreateContext();
        (await db.Database.GetAppliedMigrationsAsync()).ShouldBeEmpty();

        await database.MigrateAsync();

        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).ShouldNotBeEmpty();
        db.Database.HasPendingModelChanges().ShouldBeFalse(
            "The model changed since the last migration: rm -rf src/Infrastructure/Persistence/Migrations && scripts/add-migration.sh Initial");
    }

    [TestCaseSource(nameof(EntityTypeNames))]
    public async Task Every_entity_type_round_trips(string entityTypeName)
    {
        // Look the sample up before touching a database, so a missing sample fails on every provider.
        var clrType = ModelEntityTypes().Single(t => t.Name == entityTypeName).ClrType;
        var sample = RoundTripSamples.For(clrType);
        if (sample is null)
        {
            Assert.Fail($"no round-trip sample for {clrType.Name}: add one to {SamplesFile}");
            return;
        }

        await using var database = await TestDatabases.CreateAsync(provider);
        Dictionary<string, object?> written;
        object?[] key;
        await using (var db = database.CreateContext())
        {
            db.AddRange(sample.Prerequisites);
            var entry = db.Add(sample.Entity);
            foreach (var (name, value) in sample.ShadowValues)
            {
                entry.Property(name).CurrentValue = value;
            }

            written = EntitySnapshot.Take(entry);
            EntitySnapshot.DefaultValued(written).Except(sample.MayBeDefault).ShouldBeEmpty(
                $"The {clrType.Name} sample leaves these at their default, so their columns are not really tested; set them in {SamplesFile} (or AllowDefault with a reason)");

            await db.SaveChangesAsync();
            key = [.. entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue)];

            // A key the database generates (the data-protection key ring's identity column) is the database's to
            // choose: expect the value it chose, not the temporary one the tracker held before the save.
            foreach (var property in entry.Metadata.FindPrimaryKey()!.Properties.Where(p => p.ValueGenerated != ValueGenerated.Never))
            {
                written[property.Name] = entry.Property(property.Name).CurrentValue;
            }
        }

        await using (var db = database.CreateContext())
        {
            var loaded = await db.FindAsync(clrType, key);
            loaded.ShouldNotBeNull($"{clrType.Name} was saved but cannot be found by its key");
            EntitySnapshot.Differences(written, EntitySnapshot.Take(db.Entry(loaded))).ShouldBeEmpty(
                $"{clrType.Name} changed on its way through {provider}");
        }
    }

    /// <summary>The entity types a round trip applies to: those with a key of their own.</summary>
    internal static IReadOnlyList<IEntityType> ModelEntityTypes()
    {
        using var db = TestDatabases.CreateContext(DatabaseProvider.Sqlite, "Data Source=:memory:");
        return [.. db.Model.GetEntityTypes()
            .Where(t => !t.IsOwned() && !t.HasSharedClrType && t.FindPrimaryKey() is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)];
    }

    private static IEnumerable<TestCaseData> EntityTypeNames() =>
        ModelEntityTypes().Select(t => new TestCaseData(t.Name).SetArgDisplayNames(t.ClrType.Name));
}
