using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RunnerTokens.Application.Audit.SealAuditTrail;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Infrastructure.Persistence;
using RunnerTokens.TestSupport;

namespace RunnerTokens.Application.Tests.Audit;

[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.Providers))]
public sealed class SealAuditTrailTests(DatabaseProvider provider) : AuditTestDatabase(provider)
{
    private static void ShouldBeOneIntactChain(IReadOnlyList<AuditEvent> events)
    {
        var verifier = new AuditChainVerifier(TestChainKeys.Ring);
        foreach (var e in events)
        {
            e.Sequence.ShouldNotBeNull($"event {e.Id} is not sealed");
            verifier.Accept(e.ToChainLink()!).ShouldBeTrue(verifier.Break?.Detail);
        }

        events.Select(e => e.Sequence!.Value).ShouldBe(Enumerable.Range(1, events.Count).Select(i => (long)i));
    }

    [Test]
    public async Task Seals_pending_events_in_insertion_order_with_contiguous_sequences()
    {
        // Inserted out of time order: the chain follows (OccurredAt, Id), not insertion into the table.
        var inserted = await InsertAsync([NewEvent(T0.AddSeconds(2)), NewEvent(T0), NewEvent(T0.AddSeconds(1))]);
        // The background sealer sends the command with no caller.
        var result = await SendAsync(new SealAuditTrailCommand(), Callers.Anonymous);

        result.IsSuccess.ShouldBeTrue();
        result.Value.Sealed.ShouldBe(3);
        result.Value.LostRace.ShouldBeFalse();
        result.Value.HeadSequence.ShouldBe(3);
        var chain = await AllEventsAsync();
        ShouldBeOneIntactChain(chain);
        chain.Select(e => e.Id).ShouldBe(inserted.OrderBy(e => e.OccurredAt).Select(e => e.Id));
        chain[0].PreviousHash.ShouldBeNull();
        chain.ShouldAllBe(e => e.SealedAt == T0);
        result.Value.HeadHash.ShouldBe(chain[^1].Hash);
        Meters.Total("runnertokens.audit.sealed").ShouldBe(3);
    }

    [Test]
    public async Task Events_with_the_same_time_are_ordered_by_id()
    {
        var inserted = await InsertAsync(Enumerable.Range(0, 5).Select(_ => NewEvent(T0)));
        await using var db = NewContext();

        await Sealer(db).SealPendingAsync(10, 1, default);

        var chain = await AllEventsAsync();
        ShouldBeOneIntactChain(chain);
        chain.Select(e => e.Id).ShouldBe(inserted.Select(e => e.Id).Order());
    }

    [Test]
    public async Task Nothing_pending_seals_nothing()
    {
        await using var db = NewContext();

        var result = await Sealer(db).SealPendingAsync(10, 5, default);

        result.ShouldBe(new SealAuditTrailResult(0, false, false, null, null));
    }

    [Test]
    public async Task Seals_in_batches_up_to_the_run_limit_and_continues_the_chain_next_run()
    {
        await InsertAsync(10);
        await using var db = NewContext();

        var first = await Sealer(db).SealPendingAsync(batchSize: 3, maxBatches: 2, default);

        first.Sealed.ShouldBe(6);
        (await AllEventsAsync()).Count(e => e.Sequence is null).ShouldBe(4);

        await using var later = NewContext();
        var second = await Sealer(later).SealPendingAsync(batchSize: 3, maxBatches: 10, default);

        second.Sealed.ShouldBe(4);
        second.HeadSequence.ShouldBe(10);
        ShouldBeOneIntactChain(await AllEventsAsync());
        Meters.Total("runnertokens.audit.sealed").ShouldBe(10);
    }

    [Test]
    public async Task Each_batch_is_committed_on_its_own()
    {
        await InsertAsync(5);
        var saves = new CountingInterceptor();
        await using var db = NewContext(saves);

        await Sealer(db).SealPendingAsync(batchSize: 2, maxBatches: 10, default);

        saves.Saves.ShouldBe(4, "three batches, then one checkpoint");
        ShouldBeOneIntactChain(await AllEventsAsync());
    }

    [Test]
    public async Task An_event_committed_late_is_sealed_after_those_already_sealed()
    {
        await InsertAsync([NewEvent(T0.AddSeconds(10)), NewEvent(T0.AddSeconds(11))]);
        await using (var db = NewContext())
        {
            await Sealer(db).SealPendingAsync(10, 1, default);
        }

        // A slow transaction commits an event that happened before the ones already sealed.
        var late = (await InsertAsync([NewEvent(T0.AddSeconds(1))]))[0];
        await using (var db = NewContext())
        {
            (await Sealer(db).SealPendingAsync(10, 1, default)).Sealed.ShouldBe(1);
        }

        var chain = await AllEventsAsync();
        ShouldBeOneIntactChain(chain);
        chain[^1].Id.ShouldBe(late.Id);
        chain[^1].Sequence.ShouldBe(3);
    }

    [Test]
    public async Task A_sealer_that_loses_the_race_discards_its_batch_and_the_chain_does_not_fork()
    {
        await InsertAsync(4);

        // Replica B reads the head and the pending events, and just before it commits, replica A (another
        // connection) seals the same events. B's commit must fail and leave A's chain untouched.
        SealAuditTrailResult? winner = null;
        var race = new BeforeSaveInterceptor(async () =>
        {
            await using var a = NewContext();
            winner = await Sealer(a).SealPendingAsync(10, 1, default);
        });
        await using var b = NewContext(race);

        var loser = await Sealer(b).SealPendingAsync(10, 1, default);

        winner!.Sealed.ShouldBe(4);
        loser.LostRace.ShouldBeTrue();
        loser.Sealed.ShouldBe(0);
        Meters.Total("runnertokens.audit.seal_conflicts").ShouldBe(1);
        var chain = await AllEventsAsync();
        ShouldBeOneIntactChain(chain);
        chain[^1].Hash.ShouldBe(winner.HeadHash);

        // B's unit of work is clean again: its next run continues the chain A built.
        await InsertAsync([NewEvent(T0.AddMinutes(5))]);
        var retry = await Sealer(b).SealPendingAsync(10, 1, default);
        retry.Sealed.ShouldBe(1);
        retry.HeadSequence.ShouldBe(5);
        ShouldBeOneIntactChain(await AllEventsAsync());
    }

    [Test]
    public async Task The_unique_sequence_index_alone_stops_two_sealers_from_reusing_a_position()
    {
        var pending = await InsertAsync(2);

        // B has numbered the two pending events 1 and 2. Meanwhile an older event commits late and A seals
        // only that one as 1. B's events are still unsealed (the concurrency token does not fire), but
        // B's sequence 1 is taken: the unique index refuses B's batch.
        var race = new BeforeSaveInterceptor(async () =>
        {
            await InsertAsync([NewEvent(T0.AddSeconds(-30))]);
            await using var a = NewContext();
            (await Sealer(a).SealPendingAsync(batchSize: 1, maxBatches: 1, default)).Sealed.ShouldBe(1);
        });
        await using var b = NewContext(race);

        var loser = await Sealer(b).SealPendingAsync(10, 1, default);

        loser.LostRace.ShouldBeTrue();
        var chain = await AllEventsAsync();
        chain.Count(e => e.Sequence is not null).ShouldBe(1);
        pending.ShouldAllBe(p => chain.Single(e => e.Id == p.Id).Sequence == null);

        await using var next = NewContext();
        await Sealer(next).SealPendingAsync(10, 1, default);
        ShouldBeOneIntactChain(await AllEventsAsync());
    }

    [Test]
    public async Task Two_sealers_running_concurrently_with_writers_build_one_chain()
    {
        const int Writers = 2;
        const int EventsPerWriter = 60;
        using var stop = new CancellationTokenSource();

        async Task Write(int writer)
        {
            for (var i = 0; i < EventsPerWriter; i++)
            {
                await InsertAsync([NewEvent(T0.AddMilliseconds((i * Writers) + writer), targetId: $"w{writer}-{i}")]);
            }
        }

        var lostRaces = 0;
        async Task Seal()
        {
            await using var db = NewContext();
            while (!stop.IsCancellationRequested)
            {
                var result = await Sealer(db).SealPendingAsync(batchSize: 7, maxBatches: 3, default);
                if (result.LostRace)
                {
                    Interlocked.Increment(ref lostRaces);
                }

                await Task.Yield();
            }
        }

        var sealers = new[] { Task.Run(Seal), Task.Run(Seal) };
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => Write(w))));
        await stop.CancelAsync();
        await Task.WhenAll(sealers);

        await using (var drain = NewContext())
        {
            await Sealer(drain).SealPendingAsync(100, 100, default);
        }

        var chain = await AllEventsAsync();
        chain.Count.ShouldBe(Writers * EventsPerWriter);
        ShouldBeOneIntactChain(chain);
        Meters.Total("runnertokens.audit.seal_conflicts").ShouldBe(lostRaces);
        Meters.Total("runnertokens.audit.sealed").ShouldBe(Writers * EventsPerWriter);
    }

    [Test]
    public async Task A_chain_head_without_a_hash_is_not_extended()
    {
        await InsertAsync(2);
        await using (var db = NewContext())
        {
            await Sealer(db).SealPendingAsync(10, 1, default);
        }

        await TamperAsync("""UPDATE "AuditEvents" SET "Hash" = NULL WHERE "Sequence" = 2""");
        await InsertAsync([NewEvent(T0.AddMinutes(1))]);
        await using var again = NewContext();

        var result = await Sealer(again).SealPendingAsync(10, 1, default);

        result.HeadCorrupt.ShouldBeTrue();
        result.Sealed.ShouldBe(0);
        (await AllEventsAsync()).Count(e => e.Sequence is null).ShouldBe(1);
    }

    private sealed class CountingInterceptor : SaveChangesInterceptor
    {
        public int Saves { get; private set; }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Saves++;
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>Runs something once, just before the first SaveChanges of its context reaches the database.</summary>
    private sealed class BeforeSaveInterceptor(Func<Task> action) : SaveChangesInterceptor
    {
        private bool _done;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!_done)
            {
                _done = true;
                await action();
            }

            return result;
        }
    }
}
