using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Domain.UnitTests.Audit;

public sealed class AuditEventTests
{
    private static readonly AuditActor Alice = new(PrincipalKind.User, "alice-id", "Alice");

    private static AuditEvent Record(DateTimeOffset at) =>
        AuditEvent.Record(at, Alice, "user.created", "user", "bob-id", null, AuditOutcome.Succeeded, "{}", AuditContext.None, TestChainKeys.Current);

    [Test]
    public void Time_is_kept_in_utc_at_millisecond_precision()
    {
        var at = new DateTimeOffset(2026, 5, 6, 9, 10, 11, TimeSpan.FromHours(2)).AddTicks(1234_5678);

        var e = Record(at);

        e.OccurredAt.Offset.ShouldBe(TimeSpan.Zero);
        e.OccurredAt.UtcTicks.ShouldBe(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond));
    }

    [Test]
    public void A_new_event_is_unsealed()
    {
        var e = Record(DateTimeOffset.UnixEpoch);

        e.Sequence.ShouldBeNull();
        e.Hash.ShouldBeNull();
        e.ToChainLink().ShouldBeNull();
    }

    [Test]
    public void Sealing_links_the_event_and_computes_its_hash()
    {
        var first = Record(DateTimeOffset.UnixEpoch);
        var second = Record(DateTimeOffset.UnixEpoch.AddSeconds(1));

        var firstHash = first.Seal(1, null, DateTimeOffset.UnixEpoch.AddSeconds(5), TestChainKeys.Ring);
        var secondHash = second.Seal(2, firstHash, DateTimeOffset.UnixEpoch.AddSeconds(5), TestChainKeys.Ring);

        first.Hash.ShouldBe(AuditChain.ComputeKeyedHash(TestChainKeys.Current, 1, null, first.ToContent()));
        first.KeyId.ShouldBe(TestChainKeys.Current.Id);
        second.PreviousHash.ShouldBe(firstHash);
        second.Hash.ShouldBe(secondHash);
        second.Sequence.ShouldBe(2);
        second.SealedAt.ShouldBe(DateTimeOffset.UnixEpoch.AddSeconds(5));
    }

    [Test]
    public void An_event_is_sealed_once()
    {
        var e = Record(DateTimeOffset.UnixEpoch);
        e.Seal(1, null, DateTimeOffset.UnixEpoch, TestChainKeys.Ring);

        Should.Throw<InvalidOperationException>(() => e.Seal(2, e.Hash, DateTimeOffset.UnixEpoch, TestChainKeys.Ring));
    }

    [Test]
    public void Only_the_first_event_has_no_previous_hash()
    {
        Should.Throw<ArgumentException>(() => Record(DateTimeOffset.UnixEpoch).Seal(2, null, DateTimeOffset.UnixEpoch, TestChainKeys.Ring));
        Should.Throw<ArgumentException>(() => Record(DateTimeOffset.UnixEpoch).Seal(1, "abc", DateTimeOffset.UnixEpoch, TestChainKeys.Ring));
        Should.Throw<ArgumentOutOfRangeException>(() => Record(DateTimeOffset.UnixEpoch).Seal(0, null, DateTimeOffset.UnixEpoch, TestChainKeys.Ring));
    }

    [Test]
    public void Security_event_time_is_normalized_too()
    {
        var at = DateTimeOffset.UnixEpoch.AddTicks(12_345);

        var e = SecurityEvent.Record("principal.unknown", SecuritySeverity.Medium, null, null, null, "{}", at, AuditContext.None);

        e.OccurredAt.ShouldBe(DateTimeOffset.UnixEpoch.AddMilliseconds(1));
    }
}
