using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Audit.ListAuditCheckpoints;
using RunnerTokens.Application.Audit.SealAuditTrail;
using RunnerTokens.Application.Audit.VerifyAuditTrail;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Infrastructure.Persistence;
using RunnerTokens.TestSupport;

namespace RunnerTokens.Application.Tests.Audit;

/// <summary>
/// Someone with write access to the database but not the chain key: forged inserts are refused by the
/// sealer, re-chained edits are caught by verify, and anchors expose rewrites the chain alone cannot.
/// </summary>
[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.Providers))]
public sealed class KeyedAuditTrailTests(DatabaseProvider provider) : AuditTestDatabase(provider)
{
    private async Task<SealAuditTrailResult> SealAsync()
    {
        await using var db = NewContext();
        return await Sealer(db).SealPendingAsync(AuditTrailSealer.DefaultBatchSize, AuditTrailSealer.DefaultMaxBatches, default);
    }

    private async Task<AuditTrailVerification> VerifyAsync(long? anchorSequence = null, string? anchorHash = null)
    {
        var result = await SendAsync(new VerifyAuditTrailQuery(anchorSequence, anchorHash), Callers.Admin());
        result.IsSuccess.ShouldBeTrue();
        return result.Value;
    }

    /// <summary>Edits event <paramref name="from"/> and re-chains it and every later event with <paramref name="hash"/>, in SQL.</summary>
    private async Task EditAndRechainAsync(List<AuditEvent> chain, int from, Func<long, string?, AuditEventContent, string> hash)
    {
        var previous = from == 1 ? null : chain[from - 2].Hash;
        for (var sequence = from; sequence <= chain.Count; sequence++)
        {
            var content = chain[sequence - 1].ToContent();
            if (sequence == from)
            {
                content = content with { ActorDisplay = "Mallory" };
            }

            var next = hash(sequence, previous, content);
            await TamperAsync(
                """UPDATE "AuditEvents" SET "ActorDisplay" = {0}, "PreviousHash" = {1}, "Hash" = {2} WHERE "Sequence" = {3}""",
                content.ActorDisplay, previous!, next, (long)sequence);
            previous = next;
        }
    }

    [Test]
    public async Task The_sealer_refuses_events_not_written_by_the_application_and_records_a_security_event()
    {
        var genuine = await InsertAsync(3);
        var forged = NewEvent(T0.AddSeconds(1), action: "user.promoted");
        // A row written with another key under the real key's id: what a database user can at best produce.
        var forgedWithoutKey = AuditEvent.Record(
            T0.AddSeconds(2), new AuditActor(Domain.Identity.PrincipalKind.User, "mallory", "Mallory"), "user.promoted", "user", "mallory",
            null, AuditOutcome.Succeeded, "{}", AuditContext.None, TestChainKeys.Attacker);
        await InsertAsync([forged, forgedWithoutKey]);
        // A genuine row edited before it was sealed is no longer genuine either.
        await TamperAsync("""UPDATE "AuditEvents" SET "ActorDisplay" = 'Mallory' WHERE "Id" = {0}""", forged.Id);

        var result = await SealAsync();

        result.Sealed.ShouldBe(3);
        var events = await AllEventsAsync();
        events.Where(e => e.Sequence != null).Select(e => e.Id).ShouldBe(genuine.Select(e => e.Id), ignoreOrder: true);
        events.Where(e => e.RejectedAt != null).Select(e => e.Id).ShouldBe([forged.Id, forgedWithoutKey.Id], ignoreOrder: true);
        await using (var db = NewContext())
        {
            var alarms = await db.SecurityEvents.AsNoTracking().Where(s => s.Type == AuditTrailSealer.ForgedEventType).ToListAsync();
            alarms.Count.ShouldBe(2);
            alarms.ShouldAllBe(a => a.Severity == SecuritySeverity.Critical);
            (await db.AuditEvents.CountAsync(e => e.Action == SecurityEvent.AuditAction)).ShouldBe(2, "the alarms are chained too");
        }

        // The next run seals the alarms' audit records, not the rejected rows.
        (await SealAsync()).Sealed.ShouldBe(2);
        var verification = await VerifyAsync();
        verification.Valid.ShouldBeFalse();
        verification.Reason.ShouldBe("forged_event");
        verification.Rejected.ShouldBe(2);
        verification.Unsealed.ShouldBe(0);
        verification.Checked.ShouldBe(5);
        verification.FirstBrokenEventId.ShouldBe(forged.Id);
    }

    [Test]
    public async Task An_unsealed_row_inserted_behind_the_services_back_is_reported_before_and_after_the_sealer_sees_it()
    {
        await InsertAsync(2);
        await SealAsync();
        var copy = (await AllEventsAsync())[0];
        // A database user copies a genuine sealed row as a new, unsealed one (valid-looking MAC of another row).
        await TamperAsync(
            """
            INSERT INTO "AuditEvents" ("Id", "OccurredAt", "ActorKind", "ActorId", "ActorDisplay", "Action", "TargetType", "TargetId", "Outcome", "DetailsJson", "KeyId", "InsertMac")
            SELECT {0}, "OccurredAt", "ActorKind", "ActorId", "ActorDisplay", 'user.promoted', "TargetType", "TargetId", "Outcome", "DetailsJson", "KeyId", "InsertMac"
            FROM "AuditEvents" WHERE "Id" = {1}
            """,
            Guid.NewGuid(), copy.Id);

        (await VerifyAsync()).Unsealed.ShouldBe(1, "verify never seals: the row waits, reported as not yet sealed");
        (await SealAsync()).Sealed.ShouldBe(0);

        var result = await VerifyAsync();
        result.Valid.ShouldBeFalse();
        result.Rejected.ShouldBe(1);
        result.Reason.ShouldBe("forged_event");
    }

    [Test]
    public async Task Edit_and_rechain_with_plain_sha256_is_caught_where_the_edit_is()
    {
        await InsertAsync(5);
        await SealAsync();
        var chain = await AllEventsAsync();

        await EditAndRechainAsync(chain, 3, AuditChain.ComputeHash);
        var result = await VerifyAsync();

        result.Valid.ShouldBeFalse();
        result.Reason.ShouldBe("content_changed");
        result.FirstBrokenSequence.ShouldBe(3);
        result.FirstBrokenEventId.ShouldBe(chain[2].Id);
        result.Checked.ShouldBe(2);
    }

    [Test]
    public async Task Edit_and_rechain_with_another_key_is_caught_where_the_edit_is()
    {
        await InsertAsync(4);
        await SealAsync();
        var chain = await AllEventsAsync();

        await EditAndRechainAsync(chain, 2, (s, p, c) => AuditChain.ComputeKeyedHash(TestChainKeys.Attacker, s, p, c));
        var result = await VerifyAsync();

        result.Reason.ShouldBe("content_changed");
        result.FirstBrokenSequence.ShouldBe(2);
    }

    [Test]
    public async Task The_sealer_writes_a_signed_checkpoint_that_admins_can_list()
    {
        await InsertAsync(3);
        var sealedRun = await SealAsync();
        (await SealAsync()).Sealed.ShouldBe(0);

        await using var db = NewContext();
        var checkpoint = (await db.AuditCheckpoints.AsNoTracking().ToListAsync()).ShouldHaveSingleItem("one per run that sealed something");
        checkpoint.Sequence.ShouldBe(3);
        checkpoint.HeadHash.ShouldBe(sealedRun.HeadHash);
        checkpoint.IsAuthentic(TestChainKeys.Ring).ShouldBeTrue();

        var listed = await SendAsync(new ListAuditCheckpointsQuery(), Callers.Admin());
        listed.Value.ShouldHaveSingleItem().ShouldBe(new AuditCheckpointDto(3, sealedRun.HeadHash!, checkpoint.CreatedAt, TestChainKeys.Current.Id, checkpoint.Mac, true));
        var member = await SendAsync(new ListAuditCheckpointsQuery(), Callers.User());
        member.Error.ShouldBe(AccessErrors.AdminRequired);
    }

    [Test]
    public async Task A_rewrite_before_an_anchor_is_reported_even_by_someone_holding_the_key()
    {
        await InsertAsync(5);
        await SealAsync();
        var chain = await AllEventsAsync();
        var anchor = (Sequence: 4L, Hash: chain[3].Hash!);

        // A rewrite from event 2 on, with the key itself, and the stored checkpoints deleted: every link verifies...
        await EditAndRechainAsync(chain, 2, (s, p, c) => AuditChain.ComputeKeyedHash(TestChainKeys.Current, s, p, c));
        await TamperAsync("""DELETE FROM "AuditCheckpoints" """);
        (await VerifyAsync()).Valid.ShouldBeTrue();

        // ...but not against the anchor recorded before.
        var result = await VerifyAsync(anchor.Sequence, anchor.Hash);

        result.Valid.ShouldBeFalse();
        result.Reason.ShouldBe("anchor_mismatch");
        result.FirstBrokenSequence.ShouldBe(4);
    }

    [Test]
    public async Task The_latest_authentic_checkpoint_is_an_anchor_and_catches_a_cut_tail()
    {
        await InsertAsync(4);
        await SealAsync();

        await TamperAsync("""DELETE FROM "AuditEvents" WHERE "Sequence" = 4""");
        var result = await VerifyAsync();

        result.Valid.ShouldBeFalse();
        result.Reason.ShouldBe("truncated");
        result.FirstBrokenSequence.ShouldBe(4);
        result.CheckpointSequence.ShouldBe(4);
        result.Checked.ShouldBe(3);
    }

    [Test]
    public async Task A_forged_checkpoint_is_ignored()
    {
        await InsertAsync(2);
        await SealAsync();

        await TamperAsync("""UPDATE "AuditCheckpoints" SET "Sequence" = 9""");
        var result = await VerifyAsync();

        result.Valid.ShouldBeTrue();
        result.CheckpointSequence.ShouldBeNull();
    }

    [Test]
    public async Task An_anchor_beyond_the_head_reports_truncation()
    {
        await InsertAsync(2);
        await SealAsync();

        var result = await VerifyAsync(7, new string('a', 64));

        result.Reason.ShouldBe("truncated");
        result.FirstBrokenSequence.ShouldBe(3);
    }

    [TestCase(null, "aa")]
    [TestCase(3L, null)]
    [TestCase(0L, "0000000000000000000000000000000000000000000000000000000000000000")]
    [TestCase(3L, "not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex!")]
    public void Anchors_come_in_pairs_with_a_64_digit_hash(long? sequence, string? hash)
    {
        new VerifyAuditTrailQueryValidator().Validate(new VerifyAuditTrailQuery(sequence, hash)).IsValid.ShouldBeFalse();
    }

    [Test]
    public void A_full_anchor_or_none_is_valid()
    {
        new VerifyAuditTrailQueryValidator().Validate(new VerifyAuditTrailQuery()).IsValid.ShouldBeTrue();
        new VerifyAuditTrailQueryValidator().Validate(new VerifyAuditTrailQuery(3, new string('A', 64))).IsValid.ShouldBeTrue();
    }
}
