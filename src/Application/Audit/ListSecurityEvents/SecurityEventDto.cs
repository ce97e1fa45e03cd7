using System.Text.Json;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Audit.ListSecurityEvents;

/// <summary>One security event as listed.</summary>
public sealed record SecurityEventDto
{
    public required Guid Id { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Type { get; init; }
    public required SecuritySeverity Severity { get; init; }
    public PrincipalKind? ActorKind { get; init; }
    public string? ActorId { get; init; }
    public string? ActorDisplay { get; init; }
    public Guid? TeamId { get; init; }

    /// <summary>The team's name, when the event concerns a team that still exists.</summary>
    public string? Team { get; init; }
    public Guid? RunnerId { get; init; }
    public required JsonElement Details { get; init; }
    public string? CorrelationId { get; init; }
    public string? ClientIp { get; init; }
}
