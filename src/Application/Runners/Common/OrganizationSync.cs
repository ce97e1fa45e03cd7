using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Metrics;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Runners.Reconciliation;
using RunnerTokens.Domain.Sync;

namespace RunnerTokens.Application.Runners.Common;

/// <summary>
/// One sync run of one organization: list every runner at GitHub, plan with <see cref="RunnerReconciliation"/>,
/// apply each change (saved per runner, so one failure does not lose the others), audit it with the sync as
/// actor, and record the run in <see cref="OrganizationSyncStatus"/>. The caller holds the organization's lease.
/// </summary>
public sealed partial class OrganizationSync(
    IAppDbContext db,
    IGitHubRunners gitHub,
    IGitHubRateLimits rateLimits,
    IOrganizationCatalog catalog,
    RunnerRemoval removal,
    IAuditLog audit,
    RunnerTokensMetrics metrics,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    ILogger<OrganizationSync> logger)
{
    private const int MaxErrorsKept = 10;

    /// <summary>
    /// The organizations to sync: the configured ones (<c>GitHub:Organizations</c>), or, when none are
    /// configured (simulator/development), the organizations of the existing teams.
    /// </summary>
    public async Task<IReadOnlyList<string>> OrganizationsAsync(CancellationToken cancellationToken)
    {
        var configured = catalog.ConfiguredOrganizations;
        if (configured.Count > 0)
        {
            return configured;
        }

        var fromTeams = await db.Teams.AsNoTracking().Select(t => t.Organization).Distinct().ToListAsync(cancellationToken);
        return [.. fromTeams.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<SyncRunDto> SyncAsync(string organization, CancellationToken cancellationToken)
    {
        var org = organization.Trim();
        var startedAt = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        var run = new RunState();

        if (rateLimits.ShouldYield(org, out var retryAfter))
        {
            LogYielded(logger, org, retryAfter);
            return await FinishAsync(org, startedAt, started, run, runnersAtGitHub: null, yielded: true, cancellationToken);
        }

        var listed = await gitHub.ListRunnersAsync(org, name: null, cancellationToken);
        if (!listed.IsSuccess)
        {
            run.Error($"list-runners: {listed.Failure.Kind} {listed.ToError().Code}");
            return await FinishAsync(org, startedAt, started, run, runnersAtGitHub: null, yielded: false, cancellationToken);
        }

        var atGitHub = listed.Value.Select(ToState).ToList();
        var key = org.ToLowerInvariant();
        var live = await db.Runners
            .Where(r => r.Organization.ToLower() == key && r.Status != RunnerStatus.Deleted)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var plan = RunnerReconciliation.Plan(live, atGitHub, options.Value.ToSettings(), now);
        var runners = live.ToDictionary(r => r.Id);

        for (var i = 0; i < plan.Count; i++)
        {
            var action = plan[i];
            var runner = runners[action.RunnerId];
            try
            {
                var applied = await ApplyAsync(runner, action, run, now, cancellationToken);
                if (applied != Applied.Nothing)
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                if (applied == Applied.Changed)
                {
                    run.Changes++;
                    metrics.SyncChange(key, ChangeKind(action));
                }
            }
            catch (DbUpdateException ex)
            {
                // Keep going: forget this runner's changes and re-track the runners still to do.
                LogSaveFailed(logger, runner.Id, ex);
                run.Error($"runner {runner.Name}: save failed ({ex.GetType().Name})");
                db.DiscardPendingChanges();
                foreach (var next in plan.Skip(i + 1))
                {
                    db.Runners.Attach(runners[next.RunnerId]);
                }
            }
        }

        await RefreshRunnerCountsAsync(key, cancellationToken);
        return await FinishAsync(org, startedAt, started, run, atGitHub.Count, yielded: false, cancellationToken);
    }

    private async Task<Applied> ApplyAsync(Runner runner, RunnerAction action, RunState run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (action.Kind)
        {
            case RunnerActionKind.Observe:
                return Observe(runner, action, run, now) ? Applied.Changed : Applied.Nothing;
            case RunnerActionKind.MarkDeleted:
                return MarkDeleted(runner, action.Reason ?? RunnerDeletionReason.RemovedAtGitHub, gitHubRunnerId: null, now) ? Applied.Changed : Applied.Nothing;
            case RunnerActionKind.DeleteAtGitHub:
                return await DeleteAtGitHubAsync(runner, action, run, now, cancellationToken);
            default:
                run.Error($"runner {runner.Name}: unknown action {action.Kind}");
                return Applied.Nothing;
        }
    }

    private bool Observe(Runner runner, RunnerAction action, RunState run, DateTimeOffset now)
    {
        var github = action.GitHub!;
        var before = Snapshot.Of(runner);
        var observed = runner.ObserveAtGitHub(github.Id, github.Online, github.Busy, now);
        if (observed.IsFailure)
        {
            run.Error($"runner {runner.Name}: {observed.Error.Code}");
            return false;
        }

        if (action.DriftDetected)
        {
            // Busy and DeleteBusyOnDrift is false: reported once now, removed by a later sync once idle.
            FlagDrift(runner, github, removing: false, now);
        }

        var after = Snapshot.Of(runner);
        if (after == before)
        {
            return false;
        }

        if (after.Status != before.Status || after.GitHubRunnerId != before.GitHubRunnerId)
        {
            audit.Record(new AuditEntry(
                "runner.status_changed", "runner", runner.Id.ToString(), AuditOutcome.Succeeded, runner.TeamId,
                new
                {
                    name = runner.Name,
                    githubRunnerId = runner.GitHubRunnerId,
                    before = Wire(before.Status),
                    after = Wire(after.Status),
                    firstOnlineAt = runner.FirstOnlineAt,
                },
                AuditActor.Sync));
        }

        return true;
    }

    private async Task<Applied> DeleteAtGitHubAsync(
        Runner runner, RunnerAction action, RunState run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var github = action.GitHub!;
        var reason = action.Reason ?? RunnerDeletionReason.RemovedAtGitHub;
        var changed = false;
        if (action.DriftDetected)
        {
            FlagDrift(runner, github, removing: true, now);
            changed = true;
        }

        if (github.Busy)
        {
            // Only a drifted runner with DeleteBusyOnDrift gets here busy. GitHub refuses to remove a busy runner,
            // so cancel the run it executes first; the removal below succeeds now or at the next sync.
            await CancelRunningJobAsync(runner, run, cancellationToken);
        }

        var removed = await removal.RemoveAtGitHubAsync(runner, cancellationToken);
        if (removed.IsFailure)
        {
            run.Error($"runner {runner.Name}: remove at GitHub failed ({removed.Error.Code})");
            audit.Record(new AuditEntry(
                "runner.deleted", "runner", runner.Id.ToString(), AuditOutcome.Failed, runner.TeamId,
                new { name = runner.Name, githubRunnerId = github.Id, reason = Wire(reason), errorCode = removed.Error.Code },
                AuditActor.Sync));
            return changed ? Applied.Changed : Applied.AuditOnly;
        }

        return MarkDeleted(runner, reason, github.Id, now) || changed ? Applied.Changed : Applied.AuditOnly;
    }

    private bool MarkDeleted(Runner runner, RunnerDeletionReason reason, long? gitHubRunnerId, DateTimeOffset now)
    {
        var before = runner.Status;
        var deleted = runner.Delete(reason, AuditActor.Sync.Id, now);
        if (deleted.IsFailure)
        {
            return false;
        }

        audit.Record(new AuditEntry(
            "runner.deleted", "runner", runner.Id.ToString(), AuditOutcome.Succeeded, runner.TeamId,
            new { name = runner.Name, githubRunnerId = gitHubRunnerId ?? runner.GitHubRunnerId, before = Wire(before), reason = Wire(reason) },
            AuditActor.Sync));
        return true;
    }

    private void FlagDrift(Runner runner, GitHubRunnerState github, bool removing, DateTimeOffset now)
    {
        runner.FlagLabelDrift(now);
        audit.RecordSecurity(new SecurityEntry(
            "runner.label_drift",
            SecuritySeverity.High,
            runner.TeamId,
            runner.Id,
            new
            {
                runner = runner.Name,
                githubRunnerId = github.Id,
                expectedLabels = runner.Labels,
                labelsAtGitHub = github.CustomLabels,
                busy = github.Busy,
                action = removing ? "removing" : "removing when idle",
            },
            AuditActor.Sync));
    }

    private async Task CancelRunningJobAsync(Runner runner, RunState run, CancellationToken cancellationToken)
    {
        var job = await db.RunnerJobs
            .Where(j => j.RunnerId == runner.Id && j.CompletedAt == null)
            .OrderByDescending(j => j.StartedAt)
            .FirstOrDefaultAsync(cancellationToken);
        var parts = job?.Repository.Split('/');
        if (job is null || parts is not { Length: 2 })
        {
            return;
        }

        var cancelled = await gitHub.CancelWorkflowRunAsync(parts[0], parts[1], job.RunId, cancellationToken);
        var outcome = cancelled.IsSuccess
            ? cancelled.Value == GitHubRunCancellation.Requested ? "cancelled" : "cancel_failed: run no longer cancellable"
            : $"cancel_failed: {cancelled.ToError().Code}";
        job.RecordEnforcement(outcome);
        if (!cancelled.IsSuccess)
        {
            run.Error($"runner {runner.Name}: cancel run {job.RunId} failed ({cancelled.ToError().Code})");
        }

        audit.Record(new AuditEntry(
            "runner.job_cancelled", "runner", runner.Id.ToString(), outcome == "cancelled" ? AuditOutcome.Succeeded : AuditOutcome.Failed, runner.TeamId,
            new { runner = runner.Name, jobId = job.JobId, runId = job.RunId, repository = job.Repository, outcome, reason = "label_drift" },
            AuditActor.Sync));
    }

    private async Task RefreshRunnerCountsAsync(string organization, CancellationToken cancellationToken)
    {
        var counts = await db.Runners.AsNoTracking()
            .Where(r => r.Organization.ToLower() == organization && r.Status != RunnerStatus.Deleted)
            .GroupBy(r => new { r.TeamId, r.Status })
            .Select(g => new { g.Key.TeamId, g.Key.Status, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var teamIds = counts.Select(c => c.TeamId).Distinct().ToList();
        var names = await db.Teams.AsNoTracking()
            .Where(t => teamIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        metrics.SetRunnerCounts(organization, [.. counts.Select(c => new RunnerCount(
            names.GetValueOrDefault(c.TeamId, c.TeamId.ToString()), Wire(c.Status), c.Count))]);
    }

    private async Task<SyncRunDto> FinishAsync(
        string organization, DateTimeOffset startedAt, long started, RunState run, int? runnersAtGitHub, bool yielded, CancellationToken cancellationToken)
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

    private static GitHubRunnerState ToState(GitHubRunner runner) => new(
        runner.Id,
        runner.Name,
        runner.IsOnline,
        runner.Busy,
        [.. runner.Labels.Where(l => l.Type == GitHubRunnerLabelType.Custom).Select(l => l.Name)]);

    private static string ChangeKind(RunnerAction action) => action.Kind switch
    {
        RunnerActionKind.Observe => action.DriftDetected ? "drift_flagged" : "observed",
        _ => "deleted_" + Wire(action.Reason ?? RunnerDeletionReason.RemovedAtGitHub),
    };

    private static string Wire<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private enum Applied
    {
        Nothing,

        /// <summary>Only an audit record (a failed removal) to save; the runner is unchanged.</summary>
        AuditOnly,
        Changed,
    }

    private sealed class RunState
    {
        public int Changes { get; set; }

        public List<string> Errors { get; } = [];

        public void Error(string message) => Errors.Add(message);
    }

    [SuppressMessage("Performance", "CA1815", Justification = "Compared with == only.")]
    private readonly record struct Snapshot(
        RunnerStatus Status, long? GitHubRunnerId, DateTimeOffset? FirstOnlineAt, DateTimeOffset? OfflineSince, DateTimeOffset? LabelDriftDetectedAt)
    {
        public static Snapshot Of(Runner r) => new(r.Status, r.GitHubRunnerId, r.FirstOnlineAt, r.OfflineSince, r.LabelDriftDetectedAt);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync of {Organization} yielded: rate-limit budget below the reserve for {RetryAfter}")]
    private static partial void LogYielded(ILogger logger, string organization, TimeSpan retryAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync could not save runner {RunnerId}")]
    private static partial void LogSaveFailed(ILogger logger, Guid runnerId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync could not record the run of {Organization}")]
    private static partial void LogStatusSaveFailed(ILogger logger, string organization, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync of {Organization} had {Count} errors: {Errors}")]
    private static partial void LogErrors(ILogger logger, string organization, int count, string? errors);
}
