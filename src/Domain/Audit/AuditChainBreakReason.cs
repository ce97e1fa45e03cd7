namespace RunnerTokens.Domain.Audit;

/// <summary>Why the chain is broken at a given link.</summary>
public enum AuditChainBreakReason
{
    /// <summary>A sequence number is missing: an event was deleted (or its sequence changed).</summary>
    SequenceGap,

    /// <summary>The event's previous-hash does not match the hash of the event before it.</summary>
    LinkBroken,

    /// <summary>The stored hash does not match the event's content: a field or the hash was edited.</summary>
    ContentChanged,

    /// <summary>The event names a chain key id that is not configured (forged with another key, or a key was dropped too early).</summary>
    UnknownKey,

    /// <summary>An unkeyed (legacy) link after keyed ones: someone re-chained events without the key.</summary>
    UnkeyedLink,

    /// <summary>The event at an anchored sequence has another hash: the chain was rewritten at or before it.</summary>
    AnchorMismatch,

    /// <summary>The chain ends before an anchored sequence: events were deleted from its end.</summary>
    Truncated,
}
