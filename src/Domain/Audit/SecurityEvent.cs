using System.Text;
using System.Text.Json;
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

    /// <summary>
    /// The audit event that folds this security event into the keyed audit chain (action
    /// <see cref="AuditAction"/>, target the security event's id, every field in its details). Written in the
    /// same unit of work, so once sealed the chained copy proves what the security event said. No team on
    /// the audit record: security events are for administrators, not team members.
    /// </summary>
    public AuditEvent ToAuditEvent(AuditChainKey key)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", Type);
            json.WriteString("severity", Severity.ToString().ToLowerInvariant());
            WriteNullable(json, "teamId", TeamId);
            WriteNullable(json, "runnerId", RunnerId);
            json.WritePropertyName("details");
            json.WriteRawValue(DetailsJson, skipInputValidation: false);
            json.WriteEndObject();
        }

        var actor = ActorKind is { } kind ? new AuditActor(kind, ActorId ?? string.Empty, ActorDisplay ?? string.Empty) : AuditActor.Anonymous;
        return AuditEvent.Record(
            OccurredAt,
            actor,
            AuditAction,
            AuditTargetType,
            Id.ToString("D"),
            teamId: null,
            AuditOutcome.Succeeded,
            Encoding.UTF8.GetString(buffer.ToArray()),
            new AuditContext(CorrelationId, ClientIp, null),
            key);
    }

    public const string AuditAction = "security_event.recorded";

    public const string AuditTargetType = "security_event";

    private static void WriteNullable(Utf8JsonWriter json, string name, Guid? value)
    {
        if (value is { } id)
        {
            json.WriteString(name, id.ToString("D"));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
