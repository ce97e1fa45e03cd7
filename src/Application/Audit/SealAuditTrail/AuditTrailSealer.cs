using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Metrics;
using RunnerTokens.Domain.Audit;

namespace RunnerTokens.Application.Audit.SealAuditTrail;

/// <summary>
/// Seals pending audit events: reads the chain head, then the oldest unsealed events in insertion order
/// (OccurredAt, Id), checks each one's insert MAC, gives the authentic ones the next sequence numbers and
/// keyed hashes, and commits each batch in one <c>SaveChanges</c>. An event whose insert MAC is wrong was
/// not written by the application: it is rejected (left unsealed, marked, reported by verify) and a critical
/// security event is recorded. After a run that sealed something, a signed checkpoint of the head is
/// written to the <c>AuditCheckpoints</c> table and to the log.
/// </summary>
/// <remarks>
/// Several sealers (replicas) may run at once. Two guarantees keep the chain linear without any lock:
/// the unique index on <c>Sequence</c> (two batches that start from the same head collide on head+1), and
/// <c>Sequence</c> as a concurrency token (an event is only sealed while still unsealed). The loser's
/// <c>SaveChanges</c> throws a <see cref="DbUpdateException"/> on every provider; it discards its batch
/// and retries on its next run. Chain order is sealing order: an event committed late, with an older
/// OccurredAt than events already sealed, is sealed in a later batch. See docs/audit-trail.md.
/// </remarks>
public sealed partial class AuditTrailSealer(
    IAppDbContext db,
    AuditChainKeyRing keys,
    TimeProvider clock,
    RunnerTokensMetrics metrics,
    ILogger<AuditTrailSealer> logger)
{
    public const int DefaultBatchSize = 500;
    public const int DefaultMaxBatches = 20;
    public const int MaxBatchSize = 5_000;

    public async Task<SealAuditTrailResult> SealPendingAsync(int batchSize, int maxBatches, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, MaxBatchSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatches, 1);

        var total = 0;
        var head = await ReadHeadAsync(cancellationToken);
        for (var batch = 0; batch < maxBatches; batch++)
        {
            if (head is { Hash: null })
            {
                LogHeadCorrupt(logger, head.Sequence);
                return new SealAuditTrailResult(total, LostRace: false, HeadCorrupt: true, head.Sequence, null);
            }

            // Head first, then the pending events: any batch committed in between starts at head+1 too,
            // so this batch collides with it on the unique index instead of leaving a gap.
            var pending = await db.AuditEvents
                .Where(e => e.Sequence == null && e.RejectedAt == null)
                .OrderBy(e => e.OccurredAt)
                .ThenBy(e => e.Id)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            if (pending.Count == 0)
            {
                break;
            }

            var sequence = head?.Sequence ?? 0;
            var previousHash = head?.Hash;
            var now = clock.GetUtcNow();
            var sealedCount = 0;
            foreach (var e in pending)
            {
                if (!e.HasAuthenticInsertMac(keys))
                {
                    Reject(e, now);
                    continue;
                }

                previousHash = e.Seal(++sequence, previousHash, now, keys);
                sealedCount++;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex)
            {
                // Another sealer won (unique index on Sequence, or an event it sealed first). Nothing of
                // this batch was committed; forget it so this unit of work stays clean, and retry later.
                db.DiscardPendingChanges();

                metrics.AuditSealConflict();
                LogLostRace(logger, sequence - sealedCount + 1, ex.InnerException?.GetType().Name ?? ex.GetType().Name);
                return new SealAuditTrailResult(total, LostRace: true, HeadCorrupt: false, head?.Sequence, head?.Hash);
            }

            if (sealedCount > 0)
            {
                total += sealedCount;
                metrics.AuditSealed(sealedCount);
                head = new ChainHead(sequence, previousHash);

                // The head hash in the logs is an external anchor: it lets anyone check later that the chain
                // was not cut back or rewritten from some point on (see docs/audit-trail.md).
                LogSealed(logger, sealedCount, sequence, previousHash!);
            }

            if (pending.Count < batchSize)
            {
                break;
            }
        }

        if (total > 0 && head is { Hash: { } headHash })
        {
            await CheckpointAsync(head.Sequence, headHash, cancellationToken);
        }

        return new SealAuditTrailResult(total, LostRace: false, HeadCorrupt: false, head?.Sequence, head?.Hash);
    }

    /// <summary>
    /// Refuses an event the application did not write (wrong or missing insert MAC, unknown key): it stays
    /// out of the chain, marked, and a critical security event (itself chained) says so.
    /// </summary>
    private void Reject(AuditEvent e, DateTimeOffset now)
    {
        e.Reject(now);
        var securityEvent = SecurityEvent.Record(
            ForgedEventType,
            SecuritySeverity.Critical,
            AuditActor.Service,
            e.TeamId,
            runnerId: null,
            JsonSerializer.Serialize(new { eventId = e.Id, action = e.Action, keyId = e.KeyId }),
            now,
            AuditContext.None);
        db.SecurityEvents.Add(securityEvent);
        db.AuditEvents.Add(securityEvent.ToAuditEvent(keys.Current));
        LogRejected(logger, e.Id, e.Action);
    }

    /// <summary>Writes a signed checkpoint of the head to the table and to the log (both are anchors for verify).</summary>
    private async Task CheckpointAsync(long sequence, string headHash, CancellationToken cancellationToken)
    {
        var checkpoint = AuditCheckpoint.Create(sequence, headHash, clock.GetUtcNow(), keys.Current);
        db.AuditCheckpoints.Add(checkpoint);
        await db.SaveChangesAsync(cancellationToken);
        LogCheckpoint(logger, checkpoint.Sequence, checkpoint.HeadHash, checkpoint.CreatedAt, checkpoint.KeyId, checkpoint.Mac);
    }

    public const string ForgedEventType = "audit.event_forged";

    private async Task<ChainHead?> ReadHeadAsync(CancellationToken cancellationToken) =>
        await db.AuditEvents
            .AsNoTracking()
            .Where(e => e.Sequence != null)
            .OrderByDescending(e => e.Sequence)
            .Select(e => new ChainHead(e.Sequence!.Value, e.Hash))
            .FirstOrDefaultAsync(cancellationToken);

    private sealed record ChainHead(long Sequence, string? Hash);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sealed {Count} audit event(s); chain head {HeadSequence} {HeadHash}")]
    private static partial void LogSealed(ILogger logger, int count, long headSequence, string headHash);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit checkpoint: sequence {Sequence} head {HeadHash} at {CreatedAt:O} key {KeyId} mac {Mac}")]
    private static partial void LogCheckpoint(ILogger logger, long sequence, string headHash, DateTimeOffset createdAt, string keyId, string mac);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Audit event {EventId} ({Action}) has no valid insert MAC: it was not written by this service. It is not sealed; verify reports it")]
    private static partial void LogRejected(ILogger logger, Guid eventId, string action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another sealer committed audit sequence {Sequence} first ({Reason}); batch discarded, retrying later")]
    private static partial void LogLostRace(ILogger logger, long sequence, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit chain head {HeadSequence} has no hash: the audit table was tampered with; sealing is suspended until it is repaired")]
    private static partial void LogHeadCorrupt(ILogger logger, long headSequence);
}
