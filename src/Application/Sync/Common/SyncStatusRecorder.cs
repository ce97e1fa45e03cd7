using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Metrics;
using RunnerTokens.Domain.Sync;

namespace RunnerTokens.Application.Sync.Common;

/// <summary>
/// Ends a sync run: records its duration and outcome in the metrics, upserts the organization's
/// <see cref="OrganizationSyncStatus"/> (what <c>GET /api/v1/admin/sync</c> shows) and logs its errors.
/// </summary>
public sealed partial class SyncStatusRecorder(
    IAppDbContext db,
    IGitHubRateLimits rateLimits,
    RunnerTokensMetrics metrics,
    TimeProvider clock,
    ILogger<SyncStatusRecorder> logger)
{
    private const int MaxErrorsKept = 10;

    /// <param name="started">The run's start as a <see cref="TimeProvider.GetTimestamp"/>, for its duration.</param>
    /// <param name="runnersAtGitHub">Null when the runners could not be listed (or the run yielded).</param>
    public async Task<SyncRunDto> RecordAsync(
        string organization, DateTimeOffset startedAt, long started, SyncRunTally run, int? runnersAtGitHub, bool yielded, CancellationToken cancellationToken)
    {
        var duration = clock.GetElapsedTime(started);
        var remaining = rateLimits.GetSnapshot(organization)?.Remaining;
        var lastError = run.Errors.Count == 0 ? null : string.Join("; ", run.Errors.Take(MaxErrorsKept));
        var key = organization.ToLowerInvariant();
        var outcome = yielded ? "yielded" : runnersAtGitHub is null ? "failed" : run.Errors.Count > 0 ? "errors" : "ok";
        metrics.SyncRun(key, outcome, duration);
        try
        {
            db.DiscardPendingChanges();
            var status = await db.OrganizationSyncStatuses.SingleOrDefaultAsync(s => s.Organization == key, cancellationToken);
            if (status is null)
            {
                status = OrganizationSyncStatus.Create(key, startedAt);
                db.OrganizationSyncStatuses.Add(status);
            }

            status.Record(startedAt, duration, runnersAtGitHub, run.Changes, run.Errors.Count, lastError, remaining, yielded);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            LogStatusSaveFailed(logger, organization, ex);
        }

        if (run.Errors.Count > 0)
        {
            LogErrors(logger, organization, run.Errors.Count, lastError);
        }

        return new SyncRunDto(key, startedAt, (long)duration.TotalMilliseconds, runnersAtGitHub, run.Changes, run.Errors.Count, lastError, remaining, yielded);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync could not record the run of {Organization}")]
    private static partial void LogStatusSaveFailed(ILogger logger, string organization, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync of {Organization} had {Count} errors: {Errors}")]
    private static partial void LogErrors(ILogger logger, string organization, int count, string? errors);
}
