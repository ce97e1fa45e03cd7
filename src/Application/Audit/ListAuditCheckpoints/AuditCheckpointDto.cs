namespace RunnerTokens.Application.Audit.ListAuditCheckpoints;

/// <summary>A signed checkpoint: the chain head at a time, and its MAC under the chain key <see cref="KeyId"/>.</summary>
/// <param name="Authentic">Whether the MAC checks out with the configured keys (false: forged or edited row, or a removed key).</param>
public sealed record AuditCheckpointDto(long Sequence, string HeadHash, DateTimeOffset CreatedAt, string KeyId, string Mac, bool Authentic);
