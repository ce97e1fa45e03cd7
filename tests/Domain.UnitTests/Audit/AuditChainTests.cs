using System.Reflection;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Domain.UnitTests.Audit;

public sealed class AuditChainTests
{
    internal const string PreviousHash = "5f2b6e0c9d1a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4";

    internal static readonly AuditEventContent Sample = new(
        Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"),
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero),
        PrincipalKind.User,
        "0193a1b2-0000-7000-8000-000000000001",
        "Alice Example",
        "user.created",
        "user",
        "0193a1b2-0000-7000-8000-000000000002",
        Guid.Parse("0193a1b2-0000-7000-8000-000000000003"),
        AuditOutcome.Succeeded,
        """{"email":"bob@example.com","isAdmin":false}""",
        "4bf92f3577b34da6a3ce929d0e0e4736",
        "192.0.2.10",
        "curl/8.5.0");

    [Test]
    public void Canonical_form_is_the_documented_one()
    {
        var text = AuditChain.Canonicalize(7, PreviousHash, Sample);

        text.ShouldBe(
            "runnertokens.audit.v1\n" +
            "sequence=1:7\n" +
            "previousHash=64:" + PreviousHash + "\n" +
            "id=36:0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\n" +
            "occurredAt=18:639029198456780000\n" +
            "actorKind=4:user\n" +
            "actorId=36:0193a1b2-0000-7000-8000-000000000001\n" +
            "actorDisplay=13:Alice Example\n" +
            "action=12:user.created\n" +
            "targetType=4:user\n" +
            "targetId=36:0193a1b2-0000-7000-8000-000000000002\n" +
            "teamId=36:0193a1b2-0000-7000-8000-000000000003\n" +
            "outcome=9:succeeded\n" +
            "details=43:{\"email\":\"bob@example.com\",\"isAdmin\":false}\n" +
            "correlationId=32:4bf92f3577b34da6a3ce929d0e0e4736\n" +
            "clientIp=10:192.0.2.10\n" +
            "userAgent=10:curl/8.5.0\n");
    }

    [Test]
    public void Hash_is_stable_across_releases()
    {
        // Golden value, computed independently (sha256sum of the canonical text above). If this test fails,
        // every chain sealed so far would stop verifying: introduce a new format version instead.
        AuditChain.ComputeHash(7, PreviousHash, Sample).ShouldBe("517cbf76daeca250313b2c22d0eb843814639f1f26d7d8653e6e3bfc0d275b13");
    }

    [Test]
    public void Hash_is_lowercase_hex_sha256_and_deterministic()
    {
        var first = AuditChain.ComputeHash(1, null, Sample);
        var second = AuditChain.ComputeHash(1, null, Sample with { });

        first.ShouldBe(second);
        first.Length.ShouldBe(64);
        first.ShouldAllBe(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c));
    }

    [Test]
    public void Null_and_empty_values_hash_differently()
    {
        AuditChain.ComputeHash(1, null, Sample with { ClientIp = null })
            .ShouldNotBe(AuditChain.ComputeHash(1, null, Sample with { ClientIp = string.Empty }));
    }

    [Test]
    public void A_value_cannot_imitate_a_field_boundary()
    {
        var shifted = Sample with { ActorId = Sample.ActorId + "\nactorDisplay=13:Alice Example", ActorDisplay = string.Empty };

        AuditChain.ComputeHash(1, null, shifted).ShouldNotBe(AuditChain.ComputeHash(1, null, Sample));
    }

    [Test]
    public void Time_is_hashed_as_an_instant_whatever_its_offset()
    {
        var sameInstant = Sample with { OccurredAt = Sample.OccurredAt.ToOffset(TimeSpan.FromHours(2)) };

        AuditChain.ComputeHash(1, null, sameInstant).ShouldBe(AuditChain.ComputeHash(1, null, Sample));
    }

    public static IEnumerable<TestCaseData> SingleFieldChanges()
    {
        yield return Case(nameof(AuditEventContent.Id), c => c with { Id = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c") });
        yield return Case(nameof(AuditEventContent.OccurredAt), c => c with { OccurredAt = c.OccurredAt.AddMilliseconds(1) });
        yield return Case(nameof(AuditEventContent.ActorKind), c => c with { ActorKind = PrincipalKind.Machine });
        yield return Case(nameof(AuditEventContent.ActorId), c => c with { ActorId = c.ActorId + "x" });
        yield return Case(nameof(AuditEventContent.ActorDisplay), c => c with { ActorDisplay = "Alice Examp1e" });
        yield return Case(nameof(AuditEventContent.Action), c => c with { Action = "user.updated" });
        yield return Case(nameof(AuditEventContent.TargetType), c => c with { TargetType = "team" });
        yield return Case(nameof(AuditEventContent.TargetId), c => c with { TargetId = "0193a1b2-0000-7000-8000-000000000009" });
        yield return Case(nameof(AuditEventContent.TeamId), c => c with { TeamId = null });
        yield return Case(nameof(AuditEventContent.Outcome), c => c with { Outcome = AuditOutcome.Denied });
        yield return Case(nameof(AuditEventContent.DetailsJson), c => c with { DetailsJson = """{"email":"bob@example.com","isAdmin":true}""" });
        yield return Case(nameof(AuditEventContent.CorrelationId), c => c with { CorrelationId = null });
        yield return Case(nameof(AuditEventContent.ClientIp), c => c with { ClientIp = "192.0.2.11" });
        yield return Case(nameof(AuditEventContent.UserAgent), c => c with { UserAgent = "curl/8.5.1" });

        static TestCaseData Case(string field, Func<AuditEventContent, AuditEventContent> change) =>
            new TestCaseData(field, change).SetName($"Changing {field} alone changes the hash");
    }

    [TestCaseSource(nameof(SingleFieldChanges))]
    public void Changing_any_single_content_field_changes_the_hash(string field, Func<AuditEventContent, AuditEventContent> change)
    {
        var changed = change(Sample);

        changed.ShouldNotBe(Sample, $"the {field} case must change something");
        AuditChain.ComputeHash(5, PreviousHash, changed).ShouldNotBe(AuditChain.ComputeHash(5, PreviousHash, Sample));
    }

    [Test]
    public void Every_content_field_has_a_change_case()
    {
        var covered = SingleFieldChanges().Select(c => (string)c.Arguments[0]!).ToHashSet();
        var fields = typeof(AuditEventContent).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "EqualityContract")
            .Select(p => p.Name);

        fields.ShouldBeSubsetOf(covered);
    }

    [Test]
    public void Every_stored_field_of_an_event_is_content_or_chain_bookkeeping()
    {
        // KeyId is in the keyed canonical form itself; InsertMac and RejectedAt are insert/sealer bookkeeping.
        string[] bookkeeping =
        [
            nameof(AuditEvent.Sequence), nameof(AuditEvent.PreviousHash), nameof(AuditEvent.Hash), nameof(AuditEvent.SealedAt),
            nameof(AuditEvent.KeyId), nameof(AuditEvent.InsertMac), nameof(AuditEvent.RejectedAt),
        ];
        var content = typeof(AuditEventContent).GetProperties().Select(p => p.Name).ToHashSet();

        var uncovered = typeof(AuditEvent).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.Name)
            .Except(bookkeeping)
            .Where(name => !content.Contains(name));

        uncovered.ShouldBeEmpty("a new AuditEvent field must be added to AuditEventContent and the canonical form");
    }

    [Test]
    public void Sequence_and_previous_hash_are_part_of_the_hash()
    {
        var hash = AuditChain.ComputeHash(5, PreviousHash, Sample);

        AuditChain.ComputeHash(6, PreviousHash, Sample).ShouldNotBe(hash);
        AuditChain.ComputeHash(5, PreviousHash.Replace('5', '6'), Sample).ShouldNotBe(hash);
    }

    [Test]
    public void Unknown_enum_values_have_no_canonical_form()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => AuditChain.Canonicalize(1, null, Sample with { Outcome = (AuditOutcome)42 }));
        Should.Throw<ArgumentOutOfRangeException>(() => AuditChain.Canonicalize(1, null, Sample with { ActorKind = (PrincipalKind)42 }));
    }
}
