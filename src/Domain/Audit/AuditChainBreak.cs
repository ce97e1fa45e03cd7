namespace RunnerTokens.Domain.Audit;

/// <summary>The first broken link of the chain.</summary>
/// <param name="Sequence">The chain position where the break shows (for a gap: the first missing number).</param>
/// <param name="EventId">The event found at (or, for a gap, in place of) that position; null when there is none (truncation).</param>
public sealed record AuditChainBreak(long Sequence, Guid? EventId, AuditChainBreakReason Reason, string Detail)
{
    /// <summary>Stable, machine-readable name of the reason.</summary>
    public string ReasonCode => Reason switch
    {
        AuditChainBreakReason.SequenceGap => "sequence_gap",
        AuditChainBreakReason.LinkBroken => "link_broken",
        AuditChainBreakReason.ContentChanged => "content_changed",
        AuditChainBreakReason.UnknownKey => "unknown_key",
        AuditChainBreakReason.UnkeyedLink => "unkeyed_link",
        AuditChainBreakReason.AnchorMismatch => "anchor_mismatch",
        AuditChainBreakReason.Truncated => "truncated",
        _ => "unknown",
    };
}
