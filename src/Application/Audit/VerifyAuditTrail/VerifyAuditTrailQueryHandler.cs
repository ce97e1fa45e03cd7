using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Audit.VerifyAuditTrail;

/// <summary>
/// Read-only: walks the sealed chain and counts what is still unsealed. It never seals (a GET must not
/// write); the sealing service does, and events it has not reached yet are reported in <c>unsealed</c>.
/// </summary>
public sealed class VerifyAuditTrailQueryHandler(IAppDbContext db, AuditChainKeyRing keys)
    : IQueryHandler<VerifyAuditTrailQuery, Result<AuditTrailVerification>>
{
    /// <summary>Events read per round trip: memory stays bounded whatever the size of the table.</summary>
    public const int ReadBatchSize = 1_000;

    /// <summary>How many of the newest checkpoints are examined to find the latest authentic one.</summary>
    public const int CheckpointLookback = 100;

    public async ValueTask<Result<AuditTrailVerification>> Handle(VerifyAuditTrailQuery query, CancellationToken cancellationToken)
    {
        var anchors = new List<AuditChainAnchor>();
        if (query is { AnchorSequence: { } anchorSequence, AnchorHash: { } anchorHash })
        {
            anchors.Add(new AuditChainAnchor(anchorSequence, anchorHash));
        }

        var checkpoint = await LatestAuthenticCheckpointAsync(cancellationToken);
        if (checkpoint is not null)
        {
            anchors.Add(checkpoint.ToAnchor());
        }

        var verifier = new AuditChainVerifier(keys, anchors);
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

        verifier.Complete();
        var unsealed = await db.AuditEvents.CountAsync(e => e.Sequence == null && e.RejectedAt == null, cancellationToken);
        var rejected = await db.AuditEvents.CountAsync(e => e.Sequence == null && e.RejectedAt != null, cancellationToken);
        var broken = verifier.Break;
        var firstRejected = broken is null && rejected > 0
            ? await db.AuditEvents.AsNoTracking()
                .Where(e => e.Sequence == null && e.RejectedAt != null)
                .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
                .Select(e => (Guid?)e.Id)
                .FirstAsync(cancellationToken)
            : null;
        return new AuditTrailVerification(
            broken is null && rejected == 0,
            verifier.Checked,
            broken?.Sequence,
            broken?.EventId ?? firstRejected,
            broken?.ReasonCode ?? (firstRejected is null ? null : "forged_event"),
            broken?.Detail ?? (firstRejected is null ? null : $"{rejected} event(s) were inserted behind the service's back (no valid insert MAC); the sealer refused to seal them."),
            verifier.HeadSequence,
            verifier.HeadHash,
            unsealed,
            rejected,
            verifier.Legacy,
            verifier.AnchorsMatched,
            checkpoint?.Sequence);
    }

    /// <summary>The newest checkpoint whose MAC is valid: forged or edited checkpoint rows are ignored.</summary>
    private async Task<AuditCheckpoint?> LatestAuthenticCheckpointAsync(CancellationToken cancellationToken)
    {
        var newest = await db.AuditCheckpoints.AsNoTracking()
            .OrderByDescending(c => c.Sequence)
            .ThenByDescending(c => c.CreatedAt)
            .Take(CheckpointLookback)
            .ToListAsync(cancellationToken);
        return newest.FirstOrDefault(c => c.IsAuthentic(keys));
    }
}
