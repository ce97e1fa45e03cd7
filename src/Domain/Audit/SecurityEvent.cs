using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Domain.Audit;

/// <summary>Something a security team wants to see: policy violations, replayed tokens, bad webhook signatures.</summary>
public sealed class SecurityEvent : Entity, IRecordedEvent
{
    private SecurityEvent(Guid id) : base(id) { }

    /// <summary>Stable dotted type, for example <c>principal.unknown</c> or <c>runner.label_drift</c>.</summary>
    public string Type { get; private set; } = string.Empty;
    public SecuritySeverity Severity { get; private set; }
    public PrincipalKind? ActorKind { get; private set; }
    public string? ActorId { get; private set; }
    public string? ActorDisplay { get; private set; }
    public Guid? TeamId { get; private set; }
    public Guid? RunnerId { get; private set; }
    public string DetailsJson { get; private set; } = "{}";
    public DateTimeOffset OccurredAt { get; private set; }
    public string? CorrelationId { get; private set; }
    public string? ClientIp { get; private set; }

    public static SecurityEvent Record(
        string type,
        SecuritySeverity severity,
        AuditActor? actor,
        Guid? teamId,
        Guid? runnerId,
        string detailsJson,
        DateTimeOffset occurredAt,
        AuditContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var at = AuditTime.Normalize(occurredAt);
        return new SecurityEvent(Guid.CreateVersion7(at))
        {
            Type = type,
            Severity = severity,
            ActorKind = actor?.Kind,
            ActorId = actor?.Id,
            ActorDisplay = actor?.Display,
            TeamId = teamId,
            RunnerId = runnerId,
            DetailsJson = detailsJson,
            OccurredAt = at,
            CorrelationId = context.CorrelationId,
            ClientIp = context.ClientIp,
        };
    }
}
