using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Domain.UnitTests.Audit;

/// <summary>The keyed chain: HMAC-SHA256 under a key that is not in the database, with a key id per event.</summary>
public sealed class KeyedAuditChainTests
{
    private const string PreviousHash = "5f2b6e0c9d1a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly AuditEventContent Sample = AuditChainTests.Sample;

    private static AuditEvent NewEvent(int i, AuditChainKey? key = null) => AuditEvent.Record(
        Start.AddSeconds(i),
        new AuditActor(PrincipalKind.User, $"user-{i}", $"User {i}"),
        "team.updated",
        "team",
        $"team-{i}",
        null,
        AuditOutcome.Succeeded,
        $$"""{"n":{{i}}}""",
        AuditContext.None,
        key ?? TestChainKeys.Current);

    private static List<AuditChainLink> Chain(int count, AuditChainKeyRing? ring = null)
    {
        ring ??= TestChainKeys.Ring;
        var links = new List<AuditChainLink>();
        string? previous = null;
        for (var i = 0; i < count; i++)
        {
            var e = NewEvent(i, ring.Current);
            previous = e.Seal(i + 1, previous, Start.AddSeconds(i + 1), ring);
            links.Add(e.ToChainLink()!);
        }

        return links;
    }

    private static AuditChainVerifier Walk(IEnumerable<AuditChainLink> links, AuditChainKeyRing? ring = null, params AuditChainAnchor[] anchors)
    {
        var verifier = new AuditChainVerifier(ring ?? TestChainKeys.Ring, anchors);
        foreach (var link in links)
        {
            if (!verifier.Accept(link))
            {
                break;
            }
        }

        verifier.Complete();
        return verifier;
    }

    /// <summary>What someone with database access but no key can do: edit a link, re-chain the tail with <paramref name="hash"/>.</summary>
    private static List<AuditChainLink> EditAndRechain(List<AuditChainLink> links, int index, Func<AuditChainLink, string?, string> hash, string? keyId)
    {
        var result = links.ToList();
        result[index] = result[index] with { Content = result[index].Content with { ActorDisplay = "Mallory" } };
        var previous = index == 0 ? null : result[index - 1].Hash;
        for (var i = index; i < result.Count; i++)
        {
            var link = result[i] with { PreviousHash = previous, KeyId = keyId };
            link = link with { Hash = hash(link, previous) };
            result[i] = link;
            previous = link.Hash;
        }

        return result;
    }

    [Test]
    public void Keyed_canonical_form_is_the_v2_tag_the_key_id_then_the_legacy_lines()
    {
        var legacy = AuditChain.Canonicalize(7, PreviousHash, Sample);

        var keyed = AuditChain.CanonicalizeKeyed("test-1", 7, PreviousHash, Sample);

        keyed.ShouldBe("runnertokens.audit.v2\nkeyId=6:test-1\n" + legacy["runnertokens.audit.v1\n".Length..]);
    }

    [Test]
    public void Keyed_hash_is_stable_across_releases()
    {
        // Golden values, computed independently (Python hmac/hashlib over the documented texts, key bytes 1..32).
        AuditChain.ComputeKeyedHash(TestChainKeys.Current, 7, PreviousHash, Sample)
            .ShouldBe("91c10ae8fdf70564090cf4ece5e60931a60c6e263642d7f72542bd5d049949c4");
        AuditChain.ComputeInsertMac(TestChainKeys.Current, Sample)
            .ShouldBe("675b7c190d97571a0a8ce648ef61814a70ad226982845a08e04f92f3b939810a");
        AuditCheckpoint.Create(7, PreviousHash, Sample.OccurredAt, TestChainKeys.Current).Mac
            .ShouldBe("9ac52bbb4cbb680fa63f5eaf320b8ccab4b2e8c9681b5eb4c7b528c21ffcb3cf");
    }

    [Test]
    public void The_keyed_hash_depends_on_the_key_and_its_id()
    {
        var hash = AuditChain.ComputeKeyedHash(TestChainKeys.Current, 1, null, Sample);

        AuditChain.ComputeKeyedHash(TestChainKeys.Other, 1, null, Sample).ShouldNotBe(hash);
        AuditChain.ComputeKeyedHash(new AuditChainKey("other-id", Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()), 1, null, Sample).ShouldNotBe(hash);
        AuditChain.ComputeHash(1, null, Sample).ShouldNotBe(hash);
    }

    [Test]
    public void A_keyed_chain_verifies_and_counts_no_legacy_links()
    {
        var verifier = Walk(Chain(4));

        verifier.Break.ShouldBeNull();
        verifier.Checked.ShouldBe(4);
        verifier.Legacy.ShouldBe(0);
    }

    [Test]
    public void Edit_and_rechain_with_plain_sha256_is_caught_where_the_edit_is()
    {
        var forged = EditAndRechain(Chain(5), 2, (l, p) => AuditChain.ComputeHash(l.Sequence, p, l.Content), TestChainKeys.Current.Id);

        var verifier = Walk(forged);

        verifier.Break!.Reason.ShouldBe(AuditChainBreakReason.ContentChanged);
        verifier.Break.Sequence.ShouldBe(3);
        verifier.Checked.ShouldBe(2);
    }

    [Test]
    public void Edit_and_rechain_as_legacy_links_is_caught()
    {
        var forged = EditAndRechain(Chain(5), 2, (l, p) => AuditChain.ComputeHash(l.Sequence, p, l.Content), keyId: null);

        var verifier = Walk(forged);

        verifier.Break!.Reason.ShouldBe(AuditChainBreakReason.UnkeyedLink);
        verifier.Break.Sequence.ShouldBe(3);
    }

    [Test]
    public void Edit_and_rechain_with_another_key_under_the_same_id_is_caught()
    {
        var forged = EditAndRechain(Chain(5), 1, (l, p) => AuditChain.ComputeKeyedHash(TestChainKeys.Attacker, l.Sequence, p, l.Content), TestChainKeys.Current.Id);

        var verifier = Walk(forged);

        verifier.Break!.Reason.ShouldBe(AuditChainBreakReason.ContentChanged);
        verifier.Break.Sequence.ShouldBe(2);
    }

    [Test]
    public void Edit_and_rechain_with_a_key_id_that_is_not_configured_is_caught()
    {
        var forged = EditAndRechain(Chain(3), 0, (l, p) => AuditChain.ComputeKeyedHash(TestChainKeys.Other, l.Sequence, p, l.Content), TestChainKeys.Other.Id);

        var verifier = Walk(forged);

        verifier.Break!.Reason.ShouldBe(AuditChainBreakReason.UnknownKey);
        verifier.Break.ReasonCode.ShouldBe("unknown_key");
        verifier.Break.Sequence.ShouldBe(1);
    }

    [Test]
    public void After_rotation_old_links_verify_with_the_retired_key_they_name()
    {
        var old = Chain(3);
        var rotated = new AuditChainKeyRing(TestChainKeys.Other, [TestChainKeys.Current]);
        var next = NewEvent(10, rotated.Current);
        next.Seal(4, old[^1].Hash, Start, rotated);

        var verifier = Walk([.. old, next.ToChainLink()!], rotated);

        verifier.Break.ShouldBeNull();
        verifier.Checked.ShouldBe(4);
        next.KeyId.ShouldBe(TestChainKeys.Other.Id);

        // Dropping the retired key too early makes its links unverifiable, and says so.
        Walk([.. old, next.ToChainLink()!], new AuditChainKeyRing(TestChainKeys.Other)).Break!.Reason.ShouldBe(AuditChainBreakReason.UnknownKey);
    }

    [Test]
    public void Legacy_links_are_accepted_only_before_the_first_keyed_one()
    {
        var legacy = new List<AuditChainLink>();
        string? previous = null;
        for (var i = 1; i <= 2; i++)
        {
            var content = NewEvent(i).ToContent();
            var hash = AuditChain.ComputeHash(i, previous, content);
            legacy.Add(new AuditChainLink(i, previous, hash, content));
            previous = hash;
        }

        var keyed = NewEvent(3);
        keyed.Seal(3, previous, Start, TestChainKeys.Ring);

        var verifier = Walk([.. legacy, keyed.ToChainLink()!]);

        verifier.Break.ShouldBeNull();
        verifier.Legacy.ShouldBe(2);
        verifier.Checked.ShouldBe(3);
    }

    [Test]
    public void An_anchor_that_no_longer_matches_reveals_a_rewrite_before_it()
    {
        var chain = Chain(5);
        var anchor = new AuditChainAnchor(4, chain[3].Hash!);

        // Someone holding the key (or a whole-chain rewrite) produces a chain that verifies link by link...
        var rewritten = EditAndRechain(chain, 1, (l, p) => AuditChain.ComputeKeyedHash(TestChainKeys.Current, l.Sequence, p, l.Content), TestChainKeys.Current.Id);
        Walk(rewritten).Break.ShouldBeNull();

        // ...but not the anchored hash.
        var verifier = Walk(rewritten, null, anchor);

        verifier.Break!.Reason.ShouldBe(AuditChainBreakReason.AnchorMismatch);
        verifier.Break.ReasonCode.ShouldBe("anchor_mismatch");
        verifier.Break.Sequence.ShouldBe(4);
        Walk(chain, null, anchor).AnchorsMatched.ShouldBe(1);
    }

    [Test]
    public void A_chain_cut_back_before_an_anchor_is_truncated()
    {
        var chain = Chain(5);

        var verifier = Walk(chain.Take(3), null, new AuditChainAnchor(5, chain[4].Hash!));

        verifier.Break!.Reason.ShouldBe(AuditChainBreakReason.Truncated);
        verifier.Break.Sequence.ShouldBe(4);
        verifier.Break.EventId.ShouldBeNull();
    }

    [Test]
    public void The_insert_mac_proves_the_application_wrote_the_event()
    {
        var e = NewEvent(1);

        e.KeyId.ShouldBe(TestChainKeys.Current.Id);
        e.InsertMac.ShouldBe(AuditChain.ComputeInsertMac(TestChainKeys.Current, e.ToContent()));
        e.HasAuthenticInsertMac(TestChainKeys.Ring).ShouldBeTrue();
        NewEvent(1, TestChainKeys.Attacker).HasAuthenticInsertMac(TestChainKeys.Ring).ShouldBeFalse("same id, another key");
        NewEvent(1, TestChainKeys.Other).HasAuthenticInsertMac(TestChainKeys.Ring).ShouldBeFalse("a key id that is not configured");
    }

    [Test]
    public void An_event_without_an_authentic_insert_mac_cannot_be_sealed_and_can_be_rejected()
    {
        var forged = NewEvent(1, TestChainKeys.Attacker);

        Should.Throw<InvalidOperationException>(() => forged.Seal(1, null, Start, TestChainKeys.Ring));
        forged.Reject(Start.AddTicks(12_345));

        forged.Sequence.ShouldBeNull();
        forged.RejectedAt.ShouldBe(Start.AddMilliseconds(1));
    }

    [Test]
    public void Checkpoints_are_authentic_only_unchanged_and_under_a_configured_key()
    {
        var checkpoint = AuditCheckpoint.Create(7, PreviousHash, Start, TestChainKeys.Current);

        checkpoint.IsAuthentic(TestChainKeys.Ring).ShouldBeTrue();
        checkpoint.ToAnchor().ShouldBe(new AuditChainAnchor(7, PreviousHash));
        AuditCheckpoint.Create(7, PreviousHash, Start, TestChainKeys.Attacker).IsAuthentic(TestChainKeys.Ring).ShouldBeFalse();
        AuditCheckpoint.Create(7, PreviousHash, Start, TestChainKeys.Other).IsAuthentic(TestChainKeys.Ring).ShouldBeFalse();
    }

    [Test]
    public void Keys_must_be_long_enough_and_well_named_and_never_print_their_secret()
    {
        Should.Throw<ArgumentException>(() => new AuditChainKey("k1", new byte[31]));
        Should.Throw<ArgumentException>(() => new AuditChainKey("bad id", new byte[32]));
        Should.Throw<ArgumentException>(() => new AuditChainKeyRing(TestChainKeys.Current, [TestChainKeys.Attacker]));
        TestChainKeys.Current.ToString().ShouldBe("audit chain key 'test-1'");
    }

    [Test]
    public void A_security_event_is_folded_into_the_chain_with_all_its_fields()
    {
        var security = SecurityEvent.Record(
            "token.replayed", SecuritySeverity.High, new AuditActor(PrincipalKind.User, "u-1", "Alice"), Guid.NewGuid(), null,
            """{"jti":"abc"}""", Start, new AuditContext("corr", "192.0.2.1", "agent"));

        var audit = security.ToAuditEvent(TestChainKeys.Current);

        audit.Action.ShouldBe(SecurityEvent.AuditAction);
        audit.TargetId.ShouldBe(security.Id.ToString("D"));
        audit.TeamId.ShouldBeNull("security events are not shown to team members");
        audit.OccurredAt.ShouldBe(security.OccurredAt);
        audit.ActorId.ShouldBe("u-1");
        audit.CorrelationId.ShouldBe("corr");
        audit.DetailsJson.ShouldBe($$$"""{"type":"token.replayed","severity":"high","teamId":"{{{security.TeamId:D}}}","runnerId":null,"details":{"jti":"abc"}}""");
        audit.HasAuthenticInsertMac(TestChainKeys.Ring).ShouldBeTrue();
    }
}
