using System.Text.Json;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Audit.ListAuditEvents;

/// <summary>One audit event as listed. <see cref="Sequence"/> and the hashes are null until the event is sealed.</summary>
public sealed record AuditEventDto
{
    public required Guid Id { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required PrincipalKind ActorKind { get; init; }
    public required string ActorId { get; init; }
    public required string ActorDisplay { get; init; }
    public required string Action { get; init; }
    public required string TargetType { get; init; }
    public required string TargetId { get; init; }
    public Guid? TeamId { get; init; }

    /// <summary>The team's name, when the event concerns a team that still exists.</summary>
    public string? Team { get; init; }
    public required AuditOutcome Outcome { get; init; }

    /// <summary>The event's details as a JSON value (never contains secrets).</summary>
    public required JsonElement Details { get; init; }
    public string? CorrelationId { get; init; }
    public string? ClientIp { get; init; }
    public string? UserAgent { get; init; }
    public long? Sequence { get; init; }
    public string? PreviousHash { get; init; }
    public string? Hash { get; init; }
    public DateTimeOffset? SealedAt { get; init; }

    /// <summary>The chain key that authenticates the event; null for events sealed before chain keys existed.</summary>
    public string? KeyId { get; init; }

    /// <summary>Set when the sealer refused the event: it was inserted behind the service's back.</summary>
    public DateTimeOffset? RejectedAt { get; init; }
}
