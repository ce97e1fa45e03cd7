using System.Globalization;

namespace RunnerTokens.Domain.Audit;

/// <summary>
/// Walks the chain one link at a time, in sequence order, holding only the previous hash: callers stream
/// the table through it in batches. Stops at the first broken link.
/// </summary>
public sealed class AuditChainVerifier
{
    private long _expectedSequence = 1;
    private string? _previousHash;

    /// <summary>Links verified intact so far.</summary>
    public long Checked { get; private set; }

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
            Break = new AuditChainBreak(_expectedSequence, link.Content.Id, AuditChainBreakReason.SequenceGap, detail);
            return false;
        }

        if (!string.Equals(link.PreviousHash, _previousHash, StringComparison.Ordinal))
        {
            Break = new AuditChainBreak(link.Sequence, link.Content.Id, AuditChainBreakReason.LinkBroken,
                "The event's previous hash does not match the hash of the event before it.");
            return false;
        }

        var expectedHash = AuditChain.ComputeHash(link.Sequence, _previousHash, link.Content);
        if (!string.Equals(link.Hash, expectedHash, StringComparison.Ordinal))
        {
            Break = new AuditChainBreak(link.Sequence, link.Content.Id, AuditChainBreakReason.ContentChanged,
                "The event's content does not match its hash: a field or the hash was changed.");
            return false;
        }

        _previousHash = expectedHash;
        _expectedSequence++;
        Checked++;
        return true;
    }
}
