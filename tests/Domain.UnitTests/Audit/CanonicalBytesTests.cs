using System.Security.Cryptography;
using System.Text;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Domain.UnitTests.Audit;

/// <summary>
/// The hashes and MACs are computed over UTF-8 written straight into a buffer, not over the canonical text: for any
/// content they must be exactly the hash of the text the format documents (Canonicalize*), byte for byte.
/// </summary>
public sealed class CanonicalBytesTests
{
    private const string PreviousHash = AuditChainTests.PreviousHash;

    private static IEnumerable<AuditEventContent> Contents()
    {
        yield return AuditChainTests.Sample;
        yield return AuditChainTests.Sample with { TeamId = null, CorrelationId = null, ClientIp = null, UserAgent = null };
        yield return AuditChainTests.Sample with { ActorDisplay = "Zoë Ñandú 漢字 🚀", DetailsJson = """{"labels":["gpu","ü"],"note":"line\nbreak"}""" };
        yield return AuditChainTests.Sample with { ActorDisplay = "lone \ud800 surrogate", UserAgent = string.Empty, ActorKind = PrincipalKind.Machine, Outcome = AuditOutcome.Denied };
        yield return AuditChainTests.Sample with { DetailsJson = "{\"big\":\"" + new string('x', 40_000) + "\"}", ActorKind = PrincipalKind.System, Outcome = AuditOutcome.Failed };
        yield return AuditChainTests.Sample with { OccurredAt = DateTimeOffset.MinValue, Id = Guid.Empty };
        yield return AuditChainTests.Sample with { OccurredAt = DateTimeOffset.MaxValue, Id = Guid.AllBitsSet };
    }

    [TestCaseSource(nameof(Contents))]
    public void Every_hash_and_MAC_is_that_of_the_documented_text(AuditEventContent content)
    {
        var key = TestChainKeys.Current;
        foreach (var sequence in new[] { 1L, 9L, 10L, long.MaxValue })
        {
            AuditChain.ComputeHash(sequence, PreviousHash, content)
                .ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AuditChain.Canonicalize(sequence, PreviousHash, content)))));
            AuditChain.ComputeKeyedHash(key, sequence, null, content)
                .ShouldBe(key.Mac(AuditChain.CanonicalizeKeyed(key.Id, sequence, null, content)));
        }

        AuditChain.ComputeInsertMac(key, content).ShouldBe(key.Mac(AuditChain.CanonicalizeInsert(key.Id, content)));
    }

    [TestCaseSource(nameof(Contents))]
    public void An_insert_MAC_is_accepted_only_as_written_and_only_for_its_content_and_key(AuditEventContent content)
    {
        var mac = AuditChain.ComputeInsertMac(TestChainKeys.Current, content);

        AuditChain.IsInsertMac(TestChainKeys.Current, content, mac).ShouldBeTrue();
        AuditChain.IsInsertMac(TestChainKeys.Current, content, mac.ToUpperInvariant()).ShouldBeFalse("the stored text is lowercase hex");
        AuditChain.IsInsertMac(TestChainKeys.Current, content, mac[..^1]).ShouldBeFalse();
        AuditChain.IsInsertMac(TestChainKeys.Current, content, null).ShouldBeFalse();
        AuditChain.IsInsertMac(TestChainKeys.Attacker, content, mac).ShouldBeFalse();
        AuditChain.IsInsertMac(TestChainKeys.Current, content with { TargetId = content.TargetId + "x" }, mac).ShouldBeFalse();
    }
}
