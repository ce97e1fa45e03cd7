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
}
