using System.Text.Json;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Audit;

namespace RunnerTokens.Application.Common.Auditing;

internal sealed class AuditLog(IAppDbContext db, ICurrentPrincipal current, TimeProvider clock, AuditChainKeyRing keys) : IAuditLog
{
    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web);

    public void Record(AuditEntry entry)
    {
        var actor = entry.Actor ?? current.Principal?.ToAuditActor() ?? AuditActor.Anonymous;
        db.AuditEvents.Add(AuditEvent.Record(
            clock.GetUtcNow(),
            actor,
            entry.Action,
            entry.TargetType,
            entry.TargetId,
            entry.TeamId,
            entry.Outcome,
            Serialize(entry.Details),
            current.Context,
            keys.Current));
    }

    /// <summary>Adds the security event and its copy in the audit chain (see <see cref="SecurityEvent.ToAuditEvent"/>).</summary>
    public void RecordSecurity(SecurityEntry entry)
    {
        var actor = entry.Actor ?? current.Principal?.ToAuditActor();
        var securityEvent = SecurityEvent.Record(
            entry.Type,
            entry.Severity,
            actor,
            entry.TeamId,
            entry.RunnerId,
            Serialize(entry.Details),
            clock.GetUtcNow(),
            current.Context);
        db.SecurityEvents.Add(securityEvent);
        db.AuditEvents.Add(securityEvent.ToAuditEvent(keys.Current));
    }

    private static string Serialize(object? details) =>
        details is null ? "{}" : JsonSerializer.Serialize(details, details.GetType(), DetailsJson);
}
