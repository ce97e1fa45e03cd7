using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Audit.VerifyAuditTrail;

/// <summary>
/// Read-only: walks the sealed chain and counts what is still unsealed. It never seals (a GET must not
/// write); the sealing service does, and events it has not reached yet are reported in <c>unsealed</c>.
/// </summary>
public sealed class VerifyAuditTrailQueryHandler(IAppDbContext db, ICurrentPrincipal current)
    : IQueryHandler<VerifyAuditTrailQuery, Result<AuditTrailVerification>>
{
    /// <summary>Events read per round trip: memory stays bounded whatever the size of the table.</summary>
    public const int ReadBatchSize = 1_000;

    public async ValueTask<Result<AuditTrailVerification>> Handle(VerifyAuditTrailQuery query, CancellationToken cancellationToken)
    {
        var principal = current.Principal;
        if (principal is null)
        {
            return AccessErrors.Unauthenticated;
        }

        if (!principal.IsAdmin)
        {
            return AccessErrors.AdminRequired;
        }

        var verifier = new AuditChainVerifier();
        long after = 0;
        var intact = true;
        while (intact)
        {
            var batch = await db.AuditEvents
                .AsNoTracking()
                .Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence)
                .Take(ReadBatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var e in batch)
            {
                if (!verifier.Accept(e.ToChainLink()!))
                {
                    intact = false;
                    break;
                }
            }

            after = batch[^1].Sequence!.Value;
        }

        var unsealed = await db.AuditEvents.CountAsync(e => e.Sequence == null, cancellationToken);
        var broken = verifier.Break;
        return new AuditTrailVerification(
            broken is null,
            verifier.Checked,
            broken?.Sequence,
            broken?.EventId,
            broken?.ReasonCode,
            broken?.Detail,
            verifier.HeadSequence,
            verifier.HeadHash,
            unsealed);
    }
}
