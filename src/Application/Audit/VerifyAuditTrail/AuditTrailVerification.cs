namespace RunnerTokens.Application.Audit.VerifyAuditTrail;

/// <summary>The outcome of walking the audit hash chain.</summary>
/// <param name="Valid">True when every sealed event links and hashes correctly.</param>
/// <param name="Checked">Events verified intact (all of them when valid; those before the break otherwise).</param>
/// <param name="FirstBrokenSequence">Where the chain first breaks (for a gap: the first missing number).</param>
/// <param name="FirstBrokenEventId">The event at (or, for a gap, in place of) that position.</param>
/// <param name="Reason"><c>sequence_gap</c> (an event was deleted), <c>link_broken</c> (previous hash does not
/// match the event before), <c>content_changed</c> (a field or the hash was edited); null when valid.</param>
/// <param name="Detail">A sentence explaining the break.</param>
/// <param name="HeadSequence">Last intact sequence: compare it with an anchor recorded earlier to detect a cut tail.</param>
/// <param name="HeadHash">Hash of the last intact event.</param>
/// <param name="Unsealed">Events still waiting to be sealed (not yet covered by the chain).</param>
public sealed record AuditTrailVerification(
    bool Valid,
    long Checked,
    long? FirstBrokenSequence,
    Guid? FirstBrokenEventId,
    string? Reason,
    string? Detail,
    long HeadSequence,
    string? HeadHash,
    int Unsealed);
