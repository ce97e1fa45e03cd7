using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Metrics;
using RunnerTokens.Application.Common.Persistence;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Application.Sync.Common;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Runners.Reconciliation;
using RunnerTokens.Domain.Sync;

namespace RunnerTokens.Application.Sync.SyncOrganization;

/// <summary>
/// One sync run of one organization: list every runner at GitHub, plan with <see cref="RunnerReconciliation"/>,
/// apply each change (saved per runner, so one failure does not lose the others), audit it with the sync as
/// actor (a drift of labels, runner group or ephemeral flag is also a high security event), report the runners of
/// managed groups that no row claims (<see cref="UnmanagedRunnerSweep"/>), then refresh the runner gauges and record the run in
/// <see cref="OrganizationSyncStatus"/>. The sender holds the organization's lease: the background
/// <c>SyncWorker</c> and <c>SyncNowCommand</c> both send this command.
/// </summary>
public sealed partial class SyncOrganizationCommandHandler(
    IAppDbContext db,
    IUntrackedRunners untracked,
    IGitHubRunners gitHub,
    IGitHubRateLimits rateLimits,
    SyncedOrganizations organizations,
    RunnerRemoval removal,
    UnmanagedRunnerSweep unmanagedSweep,
    WorkflowRunCanceller canceller,
    RunnerCountGauges gauges,
    SyncStatusRecorder recorder,
    OrganizationSyncGate gate,
    IAuditLog audit,
    RunnerTokensMetrics metrics,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    ILogger<SyncOrganizationCommandHandler> logger) : ICommandHandler<SyncOrganizationCommand, Result<SyncRunDto>>
{
    public async ValueTask<Result<SyncRunDto>> Handle(SyncOrganizationCommand command, CancellationToken cancellationToken) =>
        await SyncAsync(command.Organization, cancellationToken);

    private async Task<SyncRunDto> SyncAsync(string organization, CancellationToken cancellationToken)
    {
        var org = organization.Trim();
        var key = org.ToLowerInvariant();
        // The worker and a sync-now share this replica's lease: the later run waits for the earlier one.
        using var alone = await gate.EnterAsync(key, cancellationToken);
        var startedAt = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        var run = new SyncRunTally();

        if (rateLimits.ShouldYield(org, out var retryAfter))
        {
            LogYielded(logger, org, retryAfter);
            return await recorder.RecordAsync(org, startedAt, started, run, runnersAtGitHub: null, yielded: true, cancellationToken);
        }

        // Rows are read after the list: one recorded meanwhile is missing from it only because it is newer.
        var listedAt = clock.GetUtcNow();
        var listed = await gitHub.ListRunnersAsync(org, name: null, cancellationToken);
        if (!listed.IsSuccess)
        {
            run.Error($"list-runners: {listed.Failure.Kind} {listed.ToError().Code}");
            return await recorder.RecordAsync(org, startedAt, started, run, runnersAtGitHub: null, yielded: false, cancellationToken);
        }

        var atGitHub = listed.Value.Select(ToState).ToList();
        var spellings = await organizations.StoredSpellingsAsync(org, cancellationToken);
        // Read untracked, and each runner tracked only while its own change is applied and saved: with the whole
        // organization tracked, every save's change detection scanned every runner (a sync of 8,000 runners, most of
        // them changed, ran past 5 minutes in issue 10's bench).
        var live = await untracked.ReadAsync(r => spellings.Contains(r.Organization) && r.Status != RunnerStatus.Deleted, cancellationToken);
        var now = clock.GetUtcNow();
        var settings = options.Value.ToSettings();
        var plan = RunnerReconciliation.Plan(live, atGitHub, settings, now, listedAt);
        var runners = live.ToDictionary(r => r.Id);

        for (var i = 0; i < plan.Count; i++)
        {
            var planned = plan[i];
            try
            {
                // Saved with the runner's concurrency token: changed since it was read (deleted by its team, a webhook),
                // the runner is read again and planned again, with the same GitHub list, on its new state.
                await db.RetryOnConcurrencyConflictAsync(
                    async (retrying, ct) =>
                    {
                        var (runner, action) = retrying
                            ? await ReplanAsync(planned.RunnerId, live, runners, atGitHub, settings, now, listedAt, ct)
                            : (untracked.Track(runners[planned.RunnerId]), planned);
                        var applied = action is null ? Applied.Nothing : await ApplyAsync(runner, action, run, now, ct);
                        if (applied != Applied.Nothing)
                        {
                            await db.SaveChangesAsync(ct);
                        }

                        if (applied == Applied.Changed)
                        {
                            run.Changes++;
                            metrics.SyncChange(key, ChangeKind(action!));
                        }

                        return applied;
                    },
                    cancellationToken);
            }
            catch (DbUpdateException ex)
            {
                // Keep going: this runner's changes are forgotten below.
                var runner = runners[planned.RunnerId];
                LogSaveFailed(logger, runner.Id, ex);
                run.Error($"runner {runner.Name}: save failed ({ex.GetType().Name})");
            }

            // Saved or failed, nothing of this runner is pending: untrack it (and what its change loaded).
            db.DiscardPendingChanges();
        }

        run.Changes += await unmanagedSweep.SweepAsync(org, spellings, live, atGitHub, plan, run, cancellationToken);

        await gauges.RefreshAsync(key, spellings, cancellationToken);
        return await recorder.RecordAsync(org, startedAt, started, run, atGitHub.Count, yielded: false, cancellationToken);
    }

    /// <summary>
    /// After a conflict (everything tracked forgotten): reads this runner again (tracked) and plans it again among the
    /// organization's rows, as the first plan would have: deleted meanwhile it gets no action (a deleted runner stays
    /// deleted), and missing from the list but changed after it was requested it waits for the next sync.
    /// </summary>
    private async Task<(Runner Runner, RunnerAction? Action)> ReplanAsync(
        Guid runnerId,
        List<Runner> live,
        Dictionary<Guid, Runner> runners,
        IReadOnlyCollection<GitHubRunnerState> atGitHub,
        ReconciliationSettings settings,
        DateTimeOffset now,
        DateTimeOffset listedAt,
        CancellationToken cancellationToken)
    {
        var fresh = await db.Runners.SingleAsync(r => r.Id == runnerId, cancellationToken);
        runners[runnerId] = fresh;
        live[live.FindIndex(r => r.Id == runnerId)] = fresh;
        var action = RunnerReconciliation.Plan(live, atGitHub, settings, now, listedAt).FirstOrDefault(a => a.RunnerId == runnerId);
        return (fresh, action);
    }

    private async Task<Applied> ApplyAsync(Runner runner, RunnerAction action, SyncRunTally run, DateTimeOffset now, CancellationToken cancellationToken)
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

    private bool Observe(Runner runner, RunnerAction action, SyncRunTally run, DateTimeOffset now)
    {
        var github = action.GitHub!;
        var before = ObservedState.Of(runner);
        var observed = runner.ObserveAtGitHub(github.Id, github.Online, github.Busy, now);
        if (observed.IsFailure)
        {
            run.Error($"runner {runner.Name}: {observed.Error.Code}");
            return false;
        }

        if (action.DriftDetected)
        {
            // Busy and DeleteBusyOnDrift is false: reported once now, removed by a later sync once idle.
            FlagDrift(runner, github, action.Drift, removing: false, now);
        }

        var after = ObservedState.Of(runner);
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
                    before = SyncWire.Name(before.Status),
                    after = SyncWire.Name(after.Status),
                    firstOnlineAt = runner.FirstOnlineAt,
                },
                AuditActor.Sync));
        }

        return true;
    }

    private async Task<Applied> DeleteAtGitHubAsync(
        Runner runner, RunnerAction action, SyncRunTally run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var github = action.GitHub!;
        var reason = action.Reason ?? RunnerDeletionReason.RemovedAtGitHub;
        var changed = false;
        if (action.DriftDetected)
        {
            FlagDrift(runner, github, action.Drift, removing: true, now);
            changed = true;
        }

        if (github.Busy)
        {
            // Only a drifted runner with DeleteBusyOnDrift gets here busy. GitHub refuses to remove a busy runner,
            // so cancel the run it executes first; the removal below succeeds now or at the next sync.
            await CancelRunningJobAsync(runner, reason, run, cancellationToken);
        }

        // By the id the plan matched (a reservation's orphan has no id on the row yet), never by name.
        var removed = await removal.RemoveAtGitHubAsync(runner.Organization, github.Id, cancellationToken);
        if (removed.IsFailure)
        {
            run.Error($"runner {runner.Name}: remove at GitHub failed ({removed.Error.Code})");
            audit.Record(new AuditEntry(
                "runner.deleted", "runner", runner.Id.ToString(), AuditOutcome.Failed, runner.TeamId,
                new { name = runner.Name, githubRunnerId = github.Id, reason = SyncWire.Name(reason), errorCode = removed.Error.Code },
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
            new { name = runner.Name, githubRunnerId = gitHubRunnerId ?? runner.GitHubRunnerId, before = SyncWire.Name(before), reason = SyncWire.Name(reason) },
            AuditActor.Sync));
        return true;
    }

    private void FlagDrift(Runner runner, GitHubRunnerState github, RunnerDrift drift, bool removing, DateTimeOffset now)
    {
        runner.FlagLabelDrift(now);
        audit.RecordSecurity(new SecurityEntry(
            SyncDriftEvent.Type(drift),
            SecuritySeverity.High,
            runner.TeamId,
            runner.Id,
            new
            {
                runner = runner.Name,
                githubRunnerId = github.Id,
                expectedLabels = runner.Labels,
                labelsAtGitHub = github.CustomLabels,
                expectedRunnerGroupId = runner.RunnerGroupId,
                runnerGroupIdAtGitHub = github.RunnerGroupId,
                expectedEphemeral = runner.Ephemeral,
                ephemeralAtGitHub = github.Ephemeral,
                drift = SyncDriftEvent.Names(drift),
                busy = github.Busy,
                action = removing ? "removing" : "removing when idle",
            },
            AuditActor.Sync));
    }

    /// <param name="reason">Why the runner is removed (<c>label_drift</c>, <c>group_drift</c>, <c>ephemeral_drift</c>), audited with the cancel.</param>
    private async Task CancelRunningJobAsync(Runner runner, RunnerDeletionReason reason, SyncRunTally run, CancellationToken cancellationToken)
    {
        var job = await db.RunnerJobs
            .Where(j => j.RunnerId == runner.Id && j.CompletedAt == null)
            .OrderByDescending(j => j.StartedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (job is null)
        {
            return;
        }

        var cancellation = await canceller.CancelAsync(job.Repository, job.RunId, cancellationToken);
        if (cancellation.Outcome == RunCancellationOutcome.RepositoryUnknown)
        {
            return;
        }

        var outcome = cancellation.Describe();
        job.RecordEnforcement(outcome);
        if (cancellation.Outcome == RunCancellationOutcome.Failed)
        {
            run.Error($"runner {runner.Name}: cancel run {job.RunId} failed ({cancellation.ErrorCode})");
        }

        audit.Record(new AuditEntry(
            "runner.job_cancelled", "runner", runner.Id.ToString(), cancellation.IsCancelled ? AuditOutcome.Succeeded : AuditOutcome.Failed, runner.TeamId,
            new { runner = runner.Name, jobId = job.JobId, runId = job.RunId, repository = job.Repository, outcome, reason = SyncWire.Name(reason) },
            AuditActor.Sync));
    }

    private static GitHubRunnerState ToState(GitHubRunner runner) => new(
        runner.Id,
        runner.Name,
        runner.IsOnline,
        runner.Busy,
        [.. runner.Labels.Where(l => l.Type == GitHubRunnerLabelType.Custom).Select(l => l.Name)],
        runner.RunnerGroupId,
        runner.Ephemeral);

    private static string ChangeKind(RunnerAction action) => action.Kind switch
    {
        RunnerActionKind.Observe => action.DriftDetected ? "drift_flagged" : "observed",
        _ => "deleted_" + SyncWire.Name(action.Reason ?? RunnerDeletionReason.RemovedAtGitHub),
    };
}
