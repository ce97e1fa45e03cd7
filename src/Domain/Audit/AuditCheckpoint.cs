using System.Globalization;
using System.Text;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Domain.Audit;

/// <summary>
/// A signed statement by the sealer: "at <see cref="CreatedAt"/> the chain head was <see cref="Sequence"/>
/// with <see cref="HeadHash"/>". Written to a table and to the log; any copy kept elsewhere is an anchor
/// for <c>verify</c>. The MAC (HMAC-SHA256 under the chain key <see cref="KeyId"/>) means a checkpoint
/// cannot be forged by someone who can only write the database.
/// </summary>
/// <remarks>
/// MAC input, format <c>runnertokens.audit.checkpoint.v1</c>, in the chain's line encoding: the tag, then
/// <c>keyId</c>, <c>sequence</c>, <c>headHash</c>, <c>createdAt</c> (UTC ticks).
/// </remarks>
public sealed class AuditCheckpoint : Entity
{
    public const string FormatVersion = "runnertokens.audit.checkpoint.v1";

    private AuditCheckpoint(Guid id) : base(id) { }

    public long Sequence { get; private set; }
    public string HeadHash { get; private set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; private set; }
    public string KeyId { get; private set; } = string.Empty;
    public string Mac { get; private set; } = string.Empty;

    public static AuditCheckpoint Create(long sequence, string headHash, DateTimeOffset now, AuditChainKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentException.ThrowIfNullOrEmpty(headHash);
        var at = AuditTime.Normalize(now);
        return new AuditCheckpoint(Guid.CreateVersion7(at))
        {
            Sequence = sequence,
            HeadHash = headHash,
            CreatedAt = at,
            KeyId = key.Id,
            Mac = key.Mac(Canonicalize(key.Id, sequence, headHash, at)),
        };
    }

    /// <summary>Whether the MAC is the one the named key gives (false for an unknown key).</summary>
    public bool IsAuthentic(AuditChainKeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var key = keys.Find(KeyId);
        return key is not null && key.Verify(Canonicalize(KeyId, Sequence, HeadHash, CreatedAt), Mac);
    }

    public AuditChainAnchor ToAnchor() => new(Sequence, HeadHash);

    public static string Canonicalize(string keyId, long sequence, string headHash, DateTimeOffset createdAt)
    {
        var text = new StringBuilder(256);
        text.Append(FormatVersion).Append('\n');
        AuditChain.Field(text, "keyId", keyId);
        AuditChain.Field(text, "sequence", sequence.ToString(CultureInfo.InvariantCulture));
        AuditChain.Field(text, "headHash", headHash);
        AuditChain.Field(text, "createdAt", createdAt.UtcTicks.ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }
}
