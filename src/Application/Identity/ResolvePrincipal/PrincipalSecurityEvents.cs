using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Audit;

namespace RunnerTokens.Application.Identity.ResolvePrincipal;

/// <summary>Security events of principal resolution (refusals), throttled and saved at once.</summary>
public sealed class PrincipalSecurityEvents(IAppDbContext db, IAuditLog audit, SecurityEventThrottle throttle)
{
    /// <summary>At most one security event per (type, issuer, subject) per window and replica.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public async Task RecordAsync(
        string type, SecuritySeverity severity, ResolvePrincipalCommand command, AuditActor? actor, Guid? teamId,
        object details, CancellationToken cancellationToken)
    {
        if (!throttle.ShouldRecord(string.Join('\n', "principal", type, command.Issuer, command.Subject), Window))
        {
            return;
        }

        audit.RecordSecurity(new SecurityEntry(type, severity, teamId, Details: details, Actor: actor));
        await db.SaveChangesAsync(cancellationToken);
    }
}
