using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Domain.Audit;

/// <summary>
/// Every content field of an <see cref="AuditEvent"/>: what the hash chain protects. Chain bookkeeping
/// (sequence, previous hash, hash, sealing time) is not content.
/// </summary>
public sealed record AuditEventContent(
    Guid Id,
    DateTimeOffset OccurredAt,
    PrincipalKind ActorKind,
    string ActorId,
    string ActorDisplay,
    string Action,
    string TargetType,
    string TargetId,
    Guid? TeamId,
    AuditOutcome Outcome,
    string DetailsJson,
    string? CorrelationId,
    string? ClientIp,
    string? UserAgent);
