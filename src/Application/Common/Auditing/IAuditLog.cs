using RunnerTokens.Domain.Audit;

namespace RunnerTokens.Application.Common.Auditing;

/// <summary>
/// Adds audit and security events to the current unit of work. Nothing is saved here: the caller's
/// <c>SaveChangesAsync</c> commits the events with the change they describe.
/// </summary>
public interface IAuditLog
{
    void Record(AuditEntry entry);

    void RecordSecurity(SecurityEntry entry);
}

/// <param name="Details">Serialized to JSON; must never contain secrets.</param>
public sealed record AuditEntry(
    string Action,
    string TargetType,
    string TargetId,
    AuditOutcome Outcome,
    Guid? TeamId = null,
    object? Details = null,
    AuditActor? Actor = null);

public sealed record SecurityEntry(
    string Type,
    SecuritySeverity Severity,
    Guid? TeamId = null,
    Guid? RunnerId = null,
    object? Details = null,
    AuditActor? Actor = null);
