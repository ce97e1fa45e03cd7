using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Identity;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.MachineIdentities;

/// <summary>
/// Whether a machine identity (new, or changed by an update) may answer to its issuer and subject: the issuer
/// is trusted and its purpose includes machines, every claim the issuer requires has a condition, no user has
/// this (issuer, subject), and no other live identity of any team overlaps it
/// (<see cref="MachineIdentity.OverlapsWith"/>). A conflict is refused with 409
/// <c>machine_identity.subject_conflict</c> and a low security event. Resolution still refuses an ambiguous
/// token (<c>principal.ambiguous</c>), so two concurrent creates that both pass this check cannot make a
/// token pick one of them.
/// </summary>
public sealed class MachineIdentityAdmission(IAppDbContext db, IAuditLog audit, IOptions<PrincipalOptions> options)
{
    public async Task<Result> AdmitAsync(MachineIdentity identity, string teamName, CancellationToken cancellationToken)
    {
        var trust = options.Value.FindIssuer(identity.Issuer);
        if (trust is null)
        {
            return MachineIdentityErrors.IssuerNotTrusted;
        }

        if (!trust.AllowsMachines)
        {
            return MachineIdentityErrors.IssuerNotForMachines;
        }

        if (identity.MissingConditions(trust.RequiredClaims) is [var missing, ..])
        {
            return MachineIdentityErrors.RequiredConditionMissing(missing);
        }

        if (!identity.IsActive)
        {
            return Result.Success();
        }

        var (issuer, issuerWithSlash) = IssuerIdentifier.Spellings(identity.Issuer);
        var userId = await db.Users.AsNoTracking()
            .Where(u => (u.Issuer == issuer || u.Issuer == issuerWithSlash) && u.Subject == identity.Subject)
            .Select(u => (Guid?)u.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var others = await db.MachineIdentities.AsNoTracking()
            .Where(m => (m.Issuer == issuer || m.Issuer == issuerWithSlash) && m.Subject == identity.Subject && m.IsActive && m.Id != identity.Id)
            .ToListAsync(cancellationToken);
        var overlapping = others.Where(identity.OverlapsWith).Select(m => m.Id).ToArray();
        if (userId is null && overlapping.Length == 0)
        {
            return Result.Success();
        }

        // Keep nothing of the refused change; save only the security event.
        db.DiscardPendingChanges();
        audit.RecordSecurity(new SecurityEntry("machine_identity.subject_conflict", SecuritySeverity.Low, identity.TeamId,
            Details: new
            {
                team = teamName,
                name = identity.Name,
                issuer = identity.Issuer,
                subject = identity.Subject,
                conditions = identity.ClaimConditions.ToDictionary(c => c.Claim, c => c.Pattern, StringComparer.Ordinal),
                conflictingUserId = userId,
                conflictingMachineIdentityIds = overlapping,
            }));
        await db.SaveChangesAsync(cancellationToken);
        return MachineIdentityErrors.SubjectConflict;
    }
}
