using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Domain.UnitTests.Audit;

public sealed class AuditChainVerifierTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static List<AuditEvent> SealedChain(int count)
    {
        var events = new List<AuditEvent>();
        string? previous = null;
        for (var i = 0; i < count; i++)
        {
            var e = AuditEvent.Record(
                Start.AddSeconds(i),
                new AuditActor(PrincipalKind.User, $"user-{i}", $"User {i}"),
                "team.updated",
                "team",
                $"team-{i}",
                null,
                AuditOutcome.Succeeded,
                $$"""{"n":{{i}}}""",
                AuditContext.None,
                TestChainKeys.Current);
            previous = e.Seal(i + 1, previous, Start.AddSeconds(i + 1), TestChainKeys.Ring);
            events.Add(e);
        }

        return events;
    }

    private static AuditChainVerifier Walk(IEnumerable<AuditChainLink> links)
    {
        var verifier = new AuditChainVerifier(TestChainKeys.Ring);
        foreach (var link in links)
        {
            if (!verifier.Accept(link))
            {
                break;
            }
        }

        return verifier;
    }

    [Test]
    public void An_intact_chain_verifies()
    {
        var chain = SealedChain(5);

        var verifier = Walk(chain.Select(e => e.ToChainLink()!));

        verifier.Break.ShouldBeNull();
        verifier.Checked.ShouldBe(5);
        verifier.HeadSequence.ShouldBe(5);
        verifier.HeadHash.ShouldBe(chain[^1].Hash);
    }

    [Test]
    public void An_empty_chain_verifies()
    {
        var verifier = Walk([]);

        verifier.Break.ShouldBeNull();
        verifier.Checked.ShouldBe(0);
        verifier.HeadHash.ShouldBeNull();
    }

    [Test]
    public void Changed_content_is_named()
    {
        var links = SealedChain(5).Select(e => e.ToChainLink()!).ToList();
        links[2] = links[2] with { Content = links[2].Content with { Outcome = AuditOutcome.Denied } };

        var verifier = Walk(links);

        verifier.Break.ShouldNotBeNull();
        verifier.Break.Sequence.ShouldBe(3);
        verifier.Break.EventId.ShouldBe(links[2].Content.Id);
        verifier.Break.Reason.ShouldBe(AuditChainBreakReason.ContentChanged);
        verifier.Break.ReasonCode.ShouldBe("content_changed");
        verifier.Checked.ShouldBe(2);
    }

    [Test]
    public void A_deleted_event_is_a_gap()
    {
        var links = SealedChain(5).Select(e => e.ToChainLink()!).ToList();
        var deleted = links[1];
        links.RemoveAt(1);

        var verifier = Walk(links);

        verifier.Break.ShouldNotBeNull();
        verifier.Break.Reason.ShouldBe(AuditChainBreakReason.SequenceGap);
        verifier.Break.Sequence.ShouldBe(deleted.Sequence);
        verifier.Break.EventId.ShouldBe(links[1].Content.Id);
    }

    [Test]
    public void A_deleted_first_event_is_a_gap_at_one()
    {
        var links = SealedChain(3).Select(e => e.ToChainLink()!).Skip(1);

        var verifier = Walk(links);

        verifier.Break!.Sequence.ShouldBe(1);
        verifier.Break.Reason.ShouldBe(AuditChainBreakReason.SequenceGap);
    }

    [Test]
    public void A_forged_hash_breaks_the_next_link()
    {
        // Even a forger holding the key who edits event 2 and recomputes its hash: event 3 still points at the old one.
        var links = SealedChain(4).Select(e => e.ToChainLink()!).ToList();
        var forgedContent = links[1].Content with { ActorDisplay = "Mallory" };
        links[1] = links[1] with { Content = forgedContent, Hash = AuditChain.ComputeKeyedHash(TestChainKeys.Current, 2, links[0].Hash, forgedContent) };

        var verifier = Walk(links);

        verifier.Break!.Sequence.ShouldBe(3);
        verifier.Break.Reason.ShouldBe(AuditChainBreakReason.LinkBroken);
        verifier.Break.EventId.ShouldBe(links[2].Content.Id);
    }

    [Test]
    public void Swapped_events_are_caught()
    {
        var links = SealedChain(4).Select(e => e.ToChainLink()!).ToList();
        (links[1], links[2]) = (links[2] with { Sequence = 2 }, links[1] with { Sequence = 3 });

        var verifier = Walk(links);

        verifier.Break!.Sequence.ShouldBe(2);
        verifier.Break.Reason.ShouldBe(AuditChainBreakReason.LinkBroken);
    }

    [Test]
    public void A_cleared_hash_is_caught()
    {
        var links = SealedChain(2).Select(e => e.ToChainLink()!).ToList();
        links[1] = links[1] with { Hash = null };

        Walk(links).Break!.Reason.ShouldBe(AuditChainBreakReason.ContentChanged);
    }

    [Test]
    public void Nothing_is_accepted_after_a_break()
    {
        var links = SealedChain(3).Select(e => e.ToChainLink()!).ToList();
        var verifier = new AuditChainVerifier(TestChainKeys.Ring);

        verifier.Accept(links[1]).ShouldBeFalse();
        verifier.Accept(links[0]).ShouldBeFalse();
        verifier.Checked.ShouldBe(0);
    }
}
