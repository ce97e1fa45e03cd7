namespace RunnerTokens.Domain.Audit;

/// <summary>A sealed event as stored: its place in the chain, the hashes and the content they protect.</summary>
public sealed record AuditChainLink(long Sequence, string? PreviousHash, string? Hash, AuditEventContent Content);
