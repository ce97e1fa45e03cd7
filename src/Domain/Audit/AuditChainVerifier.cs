using System.Globalization;

namespace RunnerTokens.Domain.Audit;

/// <summary>
/// Walks the chain one link at a time, in sequence order, holding only the previous hash: callers stream
/// the table through it in batches, then call <see cref="Complete"/>. Stops at the first broken link.
/// Keyed links are checked with the key their id names; legacy (unkeyed) links are accepted only before the
/// first keyed one. Anchors (positions recorded elsewhere) must match, and the chain must reach them.
/// </summary>
public sealed class AuditChainVerifier
{
    private readonly AuditChainKeyRing _keys;
    private readonly Dictionary<long, AuditChainAnchor> _anchors;
    private long _expectedSequence = 1;
    private string? _previousHash;
    private bool _keyedSeen;

    public AuditChainVerifier(AuditChainKeyRing keys, IEnumerable<AuditChainAnchor>? anchors = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
        _anchors = (anchors ?? []).GroupBy(a => a.Sequence).ToDictionary(g => g.Key, g => g.First());
    }

    /// <summary>Links verified intact so far.</summary>
    public long Checked { get; private set; }

    /// <summary>Intact links in the legacy, unkeyed format (sealed before chain keys existed).</summary>
    public long Legacy { get; private set; }

    /// <summary>Anchors found at their position with their hash.</summary>
    public int AnchorsMatched { get; private set; }

    /// <summary>The first broken link, once found; nothing is accepted after it.</summary>
    public AuditChainBreak? Break { get; private set; }

    /// <summary>The sequence and hash of the last intact link (the chain head when the walk ends intact).</summary>
    public long HeadSequence => _expectedSequence - 1;

    public string? HeadHash => _previousHash;

    /// <summary>Checks the next link; false once the chain is broken.</summary>
    public bool Accept(AuditChainLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (Break is not null)
        {
            return false;
        }

        if (link.Sequence != _expectedSequence)
        {
            var detail = link.Sequence > _expectedSequence
                ? string.Format(CultureInfo.InvariantCulture, "Sequence {0} is missing (the next event has {1}): an event was deleted or renumbered.", _expectedSequence, link.Sequence)
                : string.Format(CultureInfo.InvariantCulture, "Expected sequence {0} but found {1}: the sequence was changed.", _expectedSequence, link.Sequence);
            return Broken(_expectedSequence, link, AuditChainBreakReason.SequenceGap, detail);
        }

        if (!string.Equals(link.PreviousHash, _previousHash, StringComparison.Ordinal))
        {
            return Broken(link.Sequence, link, AuditChainBreakReason.LinkBroken,
                "The event's previous hash does not match the hash of the event before it.");
        }

        string expectedHash;
        if (link.KeyId is null)
        {
            if (_keyedSeen)
            {
                return Broken(link.Sequence, link, AuditChainBreakReason.UnkeyedLink,
                    "An unkeyed link follows keyed ones: the chain was re-computed from here without the chain key.");
            }

            expectedHash = AuditChain.ComputeHash(link.Sequence, _previousHash, link.Content);
        }
        else
        {
            var key = _keys.Find(link.KeyId);
            if (key is null)
            {
                return Broken(link.Sequence, link, AuditChainBreakReason.UnknownKey,
                    $"The event names chain key '{link.KeyId}', which is not configured: it was forged with another key, or that key was removed from Audit:ChainKeys.");
            }

            expectedHash = AuditChain.ComputeKeyedHash(key, link.Sequence, _previousHash, link.Content);
        }

        if (!string.Equals(link.Hash, expectedHash, StringComparison.Ordinal))
        {
            return Broken(link.Sequence, link, AuditChainBreakReason.ContentChanged,
                "The event's content does not match its hash: a field or the hash was changed.");
        }

        if (_anchors.TryGetValue(link.Sequence, out var anchor))
        {
            if (!string.Equals(anchor.Hash, expectedHash, StringComparison.OrdinalIgnoreCase))
            {
                return Broken(link.Sequence, link, AuditChainBreakReason.AnchorMismatch,
                    string.Format(CultureInfo.InvariantCulture, "The event at sequence {0} does not have the anchored hash: the chain was rewritten at or before this position.", link.Sequence));
            }

            AnchorsMatched++;
        }

        _keyedSeen |= link.KeyId is not null;
        Legacy += link.KeyId is null ? 1 : 0;
        _previousHash = expectedHash;
        _expectedSequence++;
        Checked++;
        return true;
    }

    /// <summary>Ends the walk: an intact chain that stops before an anchored position was cut back.</summary>
    public void Complete()
    {
        if (Break is not null)
        {
            return;
        }

        var beyond = _anchors.Keys.Where(s => s > HeadSequence).DefaultIfEmpty().Max();
        if (beyond > HeadSequence)
        {
            Break = new AuditChainBreak(HeadSequence + 1, null, AuditChainBreakReason.Truncated,
                string.Format(CultureInfo.InvariantCulture, "The chain ends at sequence {0} but an anchor records sequence {1}: events were deleted from its end.", HeadSequence, beyond));
        }
    }

    private bool Broken(long sequence, AuditChainLink link, AuditChainBreakReason reason, string detail)
    {
        Break = new AuditChainBreak(sequence, link.Content.Id, reason, detail);
        return false;
    }
}
