namespace RunnerTokens.Domain.Audit;

/// <summary>A sealed event as stored: its place in the chain, the key it was sealed with, the hashes and the content they protect.</summary>
/// <param name="KeyId">The id of the chain key of a keyed link; null for a legacy (unkeyed SHA-256) link.</param>
public sealed record AuditChainLink(long Sequence, string? PreviousHash, string? Hash, AuditEventContent Content, string? KeyId = null);
