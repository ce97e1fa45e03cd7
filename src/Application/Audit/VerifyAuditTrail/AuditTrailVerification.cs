namespace RunnerTokens.Application.Audit.VerifyAuditTrail;

/// <summary>The outcome of walking the audit chain.</summary>
/// <param name="Valid">True when every sealed event links and hashes correctly under its key, every anchor
/// matches, and no event was rejected as written behind the service's back.</param>
/// <param name="Checked">Events verified intact (all of them when valid; those before the break otherwise).</param>
/// <param name="FirstBrokenSequence">Where the chain first breaks (for a gap: the first missing number).</param>
/// <param name="FirstBrokenEventId">The event at (or, for a gap, in place of) that position; for
/// <c>forged_event</c>, the oldest rejected event.</param>
/// <param name="Reason"><c>sequence_gap</c>, <c>link_broken</c>, <c>content_changed</c>, <c>unknown_key</c>,
/// <c>unkeyed_link</c>, <c>anchor_mismatch</c>, <c>truncated</c> or <c>forged_event</c>; null when valid.</param>
/// <param name="Detail">A sentence explaining the break.</param>
/// <param name="HeadSequence">Last intact sequence.</param>
/// <param name="HeadHash">Hash of the last intact event.</param>
/// <param name="Unsealed">Events not yet sealed (the sealer has not reached them yet): not covered by this verification.</param>
/// <param name="Rejected">Events the sealer refused because their insert MAC was wrong (inserted behind the service's back).</param>
/// <param name="Legacy">Intact events sealed in the legacy unkeyed format, before chain keys existed.</param>
/// <param name="AnchorsMatched">Anchors (the query's, and the latest authentic checkpoint) found with their hash.</param>
/// <param name="CheckpointSequence">Sequence of the latest authentic stored checkpoint, checked as an anchor; null when there is none.</param>
public sealed record AuditTrailVerification(
    bool Valid,
    long Checked,
    long? FirstBrokenSequence,
    Guid? FirstBrokenEventId,
    string? Reason,
    string? Detail,
    long HeadSequence,
    string? HeadHash,
    int Unsealed,
    int Rejected = 0,
    long Legacy = 0,
    int AnchorsMatched = 0,
    long? CheckpointSequence = null);
