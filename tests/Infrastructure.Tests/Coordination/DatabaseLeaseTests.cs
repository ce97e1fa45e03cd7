using Microsoft.Extensions.Time.Testing;
using RunnerTokens.Infrastructure.Coordination;
using RunnerTokens.Infrastructure.Persistence;
using RunnerTokens.TestSupport;

namespace RunnerTokens.Infrastructure.Tests.Coordination;

/// <summary>Two replicas, each with its own connection to one fresh database, on every provider.</summary>
[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.Providers))]
public sealed class DatabaseLeaseTests(DatabaseProvider provider)
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);
    private TestDatabase _database = null!;
    private FakeTimeProvider _clock = null!;

    [SetUp]
    public async Task SetUp()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        _database = await TestDatabases.CreateAsync(provider);
    }

    [TearDown]
    public async Task TearDown()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private AppDbContext NewContext() => _database.CreateContext();

    private (DatabaseLease Lease, AppDbContext Db) Replica(LeaseHolderIdentity identity)
    {
        var db = NewContext();
        return (new DatabaseLease(db, _clock, identity), db);
    }

    [Test]
    public async Task Only_one_replica_holds_a_lease_until_it_expires()
    {
        var (a, dbA) = Replica(new LeaseHolderIdentity());
        var (b, dbB) = Replica(new LeaseHolderIdentity());
        await using var _ = dbA;
        await using var __ = dbB;

        (await a.TryAcquireAsync("sync:acme", Period, default)).ShouldBeTrue();
        (await b.TryAcquireAsync("sync:acme", Period, default)).ShouldBeFalse();

        _clock.Advance(Period - TimeSpan.FromSeconds(1));
        (await b.TryAcquireAsync("sync:acme", Period, default)).ShouldBeFalse();

        _clock.Advance(TimeSpan.FromSeconds(1));
        (await b.TryAcquireAsync("sync:acme", Period, default)).ShouldBeTrue();
        (await a.TryAcquireAsync("sync:acme", Period, default)).ShouldBeFalse();
    }

    [Test]
    public async Task The_holder_renews_its_own_lease()
    {
        var (a, dbA) = Replica(new LeaseHolderIdentity());
        var (b, dbB) = Replica(new LeaseHolderIdentity());
        await using var _ = dbA;
        await using var __ = dbB;

        (await a.TryAcquireAsync("sync:acme", Period, default)).ShouldBeTrue();
        _clock.Advance(TimeSpan.FromSeconds(20));
        (await a.TryAcquireAsync("sync:acme", Period, default)).ShouldBeTrue();
        _clock.Advance(TimeSpan.FromSeconds(20));

        (await b.TryAcquireAsync("sync:acme", Period, default)).ShouldBeFalse();
    }

    [Test]
    public async Task Releasing_lets_another_replica_take_over_at_once()
    {
        var (a, dbA) = Replica(new LeaseHolderIdentity());
        var (b, dbB) = Replica(new LeaseHolderIdentity());
        await using var _ = dbA;
        await using var __ = dbB;
        await a.TryAcquireAsync("sync:acme", Period, default);

        await a.ReleaseAsync("sync:acme", default);

        (await b.TryAcquireAsync("sync:acme", Period, default)).ShouldBeTrue();
    }

    [Test]
    public async Task Leases_with_different_names_are_independent()
    {
        var (a, dbA) = Replica(new LeaseHolderIdentity());
        var (b, dbB) = Replica(new LeaseHolderIdentity());
        await using var _ = dbA;
        await using var __ = dbB;

        (await a.TryAcquireAsync("sync:acme", Period, default)).ShouldBeTrue();
        (await b.TryAcquireAsync("sync:globex", Period, default)).ShouldBeTrue();
    }

    [Test]
    public async Task Racing_replicas_never_both_win_a_new_lease()
    {
        var replicas = Enumerable.Range(0, 8).Select(_ => Replica(new LeaseHolderIdentity())).ToList();
        try
        {
            var results = await Task.WhenAll(replicas.Select(r => Task.Run(() => r.Lease.TryAcquireAsync("sync:race", Period, default))));

            results.Count(won => won).ShouldBe(1);
        }
        finally
        {
            foreach (var (_, db) in replicas)
            {
                await db.DisposeAsync();
            }
        }
    }
}
