using RunnerTokens.Application.Audit.SealAuditTrail;
using RunnerTokens.Application.Audit.VerifyAuditTrail;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Infrastructure.Persistence;
using RunnerTokens.TestSupport;

namespace RunnerTokens.Application.Tests.Audit;

[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.Providers))]
public sealed class VerifyAuditTrailTests(DatabaseProvider provider) : AuditTestDatabase(provider)
{
    private const string OneMillisecondLaterToken = "<one millisecond later>";

    private async Task<AuditTrailVerification> VerifyAsync()
    {
        var result = await SendAsync(new VerifyAuditTrailQuery(), Callers.Admin());
        result.IsSuccess.ShouldBeTrue();
        return result.Value;
    }

    private async Task SealAsync()
    {
        await using var db = NewContext();
        await Sealer(db).SealPendingAsync(AuditTrailSealer.DefaultBatchSize, AuditTrailSealer.DefaultMaxBatches, default);
    }

    private async Task<List<AuditEvent>> SealedChainAsync(int count)
    {
        await InsertAsync(count);
        await SealAsync();
        (await VerifyAsync()).Valid.ShouldBeTrue();
        return await AllEventsAsync();
    }

    [Test]
    public async Task Does_not_seal_pending_events_but_reports_them_as_unsealed()
    {
        await InsertAsync(5);

        var result = await VerifyAsync();

        result.ShouldBe(new AuditTrailVerification(true, 0, null, null, null, null, 0, null, 5));
        (await AllEventsAsync()).ShouldAllBe(e => e.Sequence == null && e.Hash == null, "verify is read-only");
    }

    [Test]
    public async Task Finds_a_clean_sealed_chain_valid()
    {
        await InsertAsync(5);
        await SealAsync();

        var result = await VerifyAsync();

        result.ShouldBe(new AuditTrailVerification(true, 5, null, null, null, null, 5, result.HeadHash, 0, AnchorsMatched: 1, CheckpointSequence: 5));
        result.HeadHash.ShouldBe((await AllEventsAsync())[^1].Hash);
    }

    [Test]
    public async Task An_empty_trail_is_valid()
    {
        var result = await VerifyAsync();

        result.Valid.ShouldBeTrue();
        result.Checked.ShouldBe(0);
        result.HeadHash.ShouldBeNull();
    }

    [Test]
    public async Task A_row_edited_in_sql_is_caught_and_named()
    {
        var chain = await SealedChainAsync(5);

        (await TamperAsync("""UPDATE "AuditEvents" SET "Outcome" = 'Denied' WHERE "Sequence" = 3""")).ShouldBe(1);
        var result = await VerifyAsync();

        result.Valid.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(3);
        result.FirstBrokenEventId.ShouldBe(chain[2].Id);
        result.Reason.ShouldBe("content_changed");
        result.Checked.ShouldBe(2);
        result.Detail.ShouldNotBeNullOrWhiteSpace();
    }

    [TestCase("ActorDisplay", "'Mallory'")]
    [TestCase("DetailsJson", "'{{\"isAdmin\":true}}'")] // braces doubled: raw SQL is a format string
    [TestCase("OccurredAt", OneMillisecondLaterToken)]
    [TestCase("TeamId", "'0193A1B2-0000-7000-8000-000000000003'")]
    [TestCase("Outcome", "'Failed'")]
    [TestCase("UserAgent", "NULL")]
    [TestCase("ClientIp", "'203.0.113.9'")]
    public async Task Any_edited_column_is_caught(string column, string value)
    {
        value = value == OneMillisecondLaterToken ? OneMillisecondLater : value;
        var chain = await SealedChainAsync(3);

        await TamperAsync($$"""UPDATE "AuditEvents" SET "{{column}}" = {{value}} WHERE "Sequence" = 2""");
        var result = await VerifyAsync();

        result.Valid.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(2);
        result.FirstBrokenEventId.ShouldBe(chain[1].Id);
    }

    [Test]
    public async Task A_deleted_row_is_caught()
    {
        var chain = await SealedChainAsync(5);

        await TamperAsync("""DELETE FROM "AuditEvents" WHERE "Sequence" = 2""");
        var result = await VerifyAsync();

        result.Valid.ShouldBeFalse();
        result.Reason.ShouldBe("sequence_gap");
        result.FirstBrokenSequence.ShouldBe(2);
        result.FirstBrokenEventId.ShouldBe(chain[2].Id);
        result.Checked.ShouldBe(1);
    }

    [Test]
    public async Task A_hash_forged_without_the_key_is_caught_where_the_edit_is()
    {
        var chain = await SealedChainAsync(4);
        var forged = chain[1].ToContent() with { ActorDisplay = "Mallory" };
        var forgedHash = AuditChain.ComputeHash(2, chain[0].Hash, forged);

        await TamperAsync("""UPDATE "AuditEvents" SET "ActorDisplay" = 'Mallory', "Hash" = {0} WHERE "Sequence" = 2""", forgedHash);
        var result = await VerifyAsync();

        result.Valid.ShouldBeFalse();
        result.Reason.ShouldBe("content_changed");
        result.FirstBrokenSequence.ShouldBe(2);
        result.FirstBrokenEventId.ShouldBe(chain[1].Id);
    }

    [Test]
    public async Task A_hash_forged_with_the_key_is_caught_at_the_next_link()
    {
        var chain = await SealedChainAsync(4);
        var forged = chain[1].ToContent() with { ActorDisplay = "Mallory" };
        var forgedHash = AuditChain.ComputeKeyedHash(TestChainKeys.Current, 2, chain[0].Hash, forged);

        await TamperAsync("""UPDATE "AuditEvents" SET "ActorDisplay" = 'Mallory', "Hash" = {0} WHERE "Sequence" = 2""", forgedHash);
        var result = await VerifyAsync();

        result.Valid.ShouldBeFalse();
        result.Reason.ShouldBe("link_broken");
        result.FirstBrokenSequence.ShouldBe(3);
        result.FirstBrokenEventId.ShouldBe(chain[2].Id);
    }

    [Test]
    public async Task Reordered_events_are_caught()
    {
        var chain = await SealedChainAsync(4);

        // Swap positions 2 and 3 (through a free number, because of the unique index).
        await TamperAsync("""UPDATE "AuditEvents" SET "Sequence" = -1 WHERE "Sequence" = 2""");
        await TamperAsync("""UPDATE "AuditEvents" SET "Sequence" = 2 WHERE "Sequence" = 3""");
        await TamperAsync("""UPDATE "AuditEvents" SET "Sequence" = 3 WHERE "Sequence" = -1""");
        var result = await VerifyAsync();

        result.Valid.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(2);
        result.FirstBrokenEventId.ShouldBe(chain[2].Id);
    }

    [Test]
    public async Task An_event_taken_out_of_the_chain_is_caught()
    {
        await SealedChainAsync(3);

        // Unsealing an edited event so the sealer re-seals it at the end still leaves a hole.
        await TamperAsync("""UPDATE "AuditEvents" SET "Sequence" = NULL, "ActorDisplay" = 'Mallory' WHERE "Sequence" = 2""");
        var result = await VerifyAsync();

        result.Valid.ShouldBeFalse();
        result.Reason.ShouldBe("sequence_gap");
        result.FirstBrokenSequence.ShouldBe(2);
    }

    [Test]
    public async Task The_walk_streams_across_read_batches()
    {
        var count = VerifyAuditTrailQueryHandler.ReadBatchSize + 300;
        await InsertAsync(count, i => T0.AddMilliseconds(i));
        await SealAsync();
        var clean = await VerifyAsync();
        clean.Valid.ShouldBeTrue();
        clean.Checked.ShouldBe(count);

        var brokenAt = VerifyAuditTrailQueryHandler.ReadBatchSize + 123;
        await TamperAsync("""UPDATE "AuditEvents" SET "TargetId" = 'x' WHERE "Sequence" = {0}""", brokenAt);
        var result = await VerifyAsync();

        result.Valid.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(brokenAt);
        result.Checked.ShouldBe(brokenAt - 1);
    }

    [Test]
    public async Task Events_waiting_to_be_sealed_are_reported()
    {
        await InsertAsync(3);

        // A chain head without a hash stops sealing, so the pending event stays pending.
        await SealAsync();
        await TamperAsync("""UPDATE "AuditEvents" SET "Hash" = NULL WHERE "Sequence" = 3""");
        await InsertAsync([NewEvent(T0.AddHours(1))]);
        await SealAsync();

        var result = await VerifyAsync();

        result.Unsealed.ShouldBe(1);
        result.Valid.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(3);
    }

    [Test]
    public async Task Only_admins_may_verify()
    {
        var anonymous = await SendAsync(new VerifyAuditTrailQuery(), Callers.Anonymous);
        var member = await SendAsync(new VerifyAuditTrailQuery(), Callers.User(new TeamAccess(Guid.NewGuid(), "team-a", TeamAccessLevel.Maintainer)));

        anonymous.Error.ShouldBe(AccessErrors.Unauthenticated);
        member.Error.ShouldBe(AccessErrors.AdminRequired);
    }
}
