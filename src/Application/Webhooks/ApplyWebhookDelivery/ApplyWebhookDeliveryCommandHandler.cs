using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Metrics;
using RunnerTokens.Application.Common.Persistence;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Webhooks;

namespace RunnerTokens.Application.Webhooks.ApplyWebhookDelivery;

/// <summary>
/// Applies a <c>workflow_job</c> delivery to the managed runner it names: in_progress makes it busy and
/// records the job; completed makes it idle (or deleted, when ephemeral) and records the conclusion;
/// queued only feeds metrics. A job starting on a runner no row claims is checked by
/// <see cref="UnmanagedJobEnforcer"/> (managed runner groups); other jobs on runners the service does not manage
/// are ignored.
/// </summary>
public sealed class ApplyWebhookDeliveryCommandHandler(
    IAppDbContext db,
    IAuditLog audit,
    JobPolicyEnforcer enforcer,
    UnmanagedJobEnforcer unmanagedJobs,
    RunnerTokensMetrics metrics,
    TimeProvider clock) : ICommandHandler<ApplyWebhookDeliveryCommand, Result<string>>
{
    /// <remarks>
    /// The runner is read, changed and saved with its concurrency token: when it changed meanwhile (deleted by its team
    /// or the sync, or another delivery), the whole delivery is applied again to the runner as it is now.
    /// </remarks>
    public async ValueTask<Result<string>> Handle(ApplyWebhookDeliveryCommand command, CancellationToken cancellationToken) =>
        await db.RetryOnConcurrencyConflictAsync((_, ct) => ApplyAsync(command.DeliveryRowId, ct), cancellationToken);

    private async Task<string> ApplyAsync(Guid deliveryRowId, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryRowId, cancellationToken);
        if (delivery is null || delivery.Status != WebhookDeliveryStatus.Received)
        {
            return "already processed";
        }

        var outcome = delivery.Event == "workflow_job"
            ? await ApplyWorkflowJobAsync(delivery, cancellationToken)
            : Ignore(delivery, $"event {delivery.Event} is not used");

        await db.SaveChangesAsync(cancellationToken);
        metrics.WebhookDelivery(delivery.Event, delivery.Status.ToString().ToLowerInvariant());
        return outcome;
    }

    private async Task<string> ApplyWorkflowJobAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var payload = WorkflowJobEvent.Parse(delivery.Payload);
        if (payload is null || payload.OrganizationLogin is not { } organization)
        {
            return Ignore(delivery, "payload is not a workflow_job event");
        }

        var job = payload.Job;
        if (payload.Action == "queued")
        {
            return Ignore(delivery, "queued: counted, nothing to apply");
        }

        var runner = await FindRunnerAsync(organization, job, cancellationToken);
        if (runner is null)
        {
            var unmanaged = payload.Action == "in_progress"
                ? await unmanagedJobs.CheckAsync(organization, payload, cancellationToken)
                : null;
            return Ignore(delivery, unmanaged ?? "runner not managed by this service");
        }

        switch (payload.Action)
        {
            case "in_progress":
                return await StartJobAsync(delivery, payload, runner, now, cancellationToken);
            case "completed":
                return await CompleteJobAsync(delivery, job, runner, now, cancellationToken);
            default:
                return Ignore(delivery, $"action {payload.Action} is not used");
        }
    }

    private async Task<string> StartJobAsync(
        WebhookDelivery delivery, WorkflowJobEvent payload, Runner runner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var job = payload.Job;
        var startedAt = job.StartedAt ?? now;
        if (job.CreatedAt is { } queuedAt)
        {
            metrics.JobQueued(startedAt - queuedAt, runner.Organization);
        }

        var recorded = await db.RunnerJobs.SingleOrDefaultAsync(j => j.RunnerId == runner.Id && j.JobId == job.Id, cancellationToken);
        if (recorded?.CompletedAt is not null)
        {
            // The start arrives after the job's completion: it must not make the runner busy or count the job twice.
            delivery.MarkIgnored("stale: the job already completed", now);
            return delivery.Outcome!;
        }

        if (recorded is null)
        {
            recorded = RunnerJob.Start(
                runner.Id, job.Id, job.RunId, payload.Repository?.FullName ?? string.Empty,
                job.WorkflowName ?? string.Empty, job.Name ?? string.Empty, startedAt);
            db.RunnerJobs.Add(recorded);
        }

        if (await HasNewerJobAsync(runner, job.Id, startedAt, cancellationToken))
        {
            // Recorded for the history, but the runner's state already reflects a later job.
            delivery.MarkApplied("stale: job recorded, the runner has moved on to a later job", now);
            return delivery.Outcome!;
        }

        if (runner.IsLive)
        {
            runner.StartJob(now);
        }

        audit.Record(new AuditEntry(
            "runner.job_started", "runner", runner.Id.ToString(), AuditOutcome.Succeeded, runner.TeamId,
            new { jobId = job.Id, runId = job.RunId, repository = recorded.Repository, workflow = recorded.Workflow, job = recorded.JobName },
            AuditActor.GitHubWebhook));

        var enforcement = await enforcer.CheckAsync(runner, recorded, payload.Repository?.FullName, cancellationToken);
        var state = runner.IsLive ? "runner busy" : "job recorded, the runner is deleted";
        delivery.MarkApplied(enforcement is null ? state : $"{state}; {enforcement}", now);
        return delivery.Outcome!;
    }

    private async Task<string> CompleteJobAsync(
        WebhookDelivery delivery, WorkflowJob job, Runner runner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recorded = await db.RunnerJobs.SingleOrDefaultAsync(j => j.RunnerId == runner.Id && j.JobId == job.Id, cancellationToken);
        if (recorded is null)
        {
            // The in_progress delivery was lost or arrives later: record the job from what completion says.
            recorded = RunnerJob.Start(runner.Id, job.Id, job.RunId, string.Empty, job.WorkflowName ?? string.Empty, job.Name ?? string.Empty, job.StartedAt ?? now);
            db.RunnerJobs.Add(recorded);
        }

        recorded.Complete(job.Conclusion, job.CompletedAt ?? now);
        if (runner.IsLive && await HasNewerJobAsync(runner, job.Id, job.CompletedAt ?? now, cancellationToken))
        {
            // A later job already started on this runner: finishing this one must not make it idle.
            delivery.MarkApplied("stale: job completed, the runner has moved on to a later job", now);
            return delivery.Outcome!;
        }

        var wasLive = runner.IsLive;
        if (wasLive)
        {
            runner.CompleteJob(now);
        }

        audit.Record(new AuditEntry(
            runner.IsLive || !wasLive ? "runner.job_completed" : "runner.deleted",
            "runner", runner.Id.ToString(), AuditOutcome.Succeeded, runner.TeamId,
            new { jobId = job.Id, conclusion = job.Conclusion, status = runner.Status.ToString().ToLowerInvariant(), reason = runner.DeletionReason?.ToString() },
            AuditActor.GitHubWebhook));
        delivery.MarkApplied(runner.IsLive ? "runner idle" : "runner finished", now);
        return delivery.Outcome!;
    }

    /// <summary>Whether another job on the runner started or finished after <paramref name="at"/>: the event is older than its state.</summary>
    private Task<bool> HasNewerJobAsync(Runner runner, long jobId, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.RunnerJobs.AnyAsync(
            j => j.RunnerId == runner.Id && j.JobId != jobId && (j.StartedAt > at || (j.CompletedAt != null && j.CompletedAt > at)),
            cancellationToken);

    private async Task<Runner?> FindRunnerAsync(string organization, WorkflowJob job, CancellationToken cancellationToken)
    {
        if (job.RunnerId is { } gitHubId and > 0)
        {
            var byId = await db.Runners
                .Where(r => r.Organization == organization && r.GitHubRunnerId == gitHubId)
                .OrderByDescending(r => r.CreatedAt)
                .FirstOrDefaultAsync(cancellationToken);
            if (byId is not null)
            {
                return byId;
            }
        }

        // A registration-token runner has no GitHub id until the sync binds it; names compare ignoring case, as at
        // GitHub. A row that already owns another runner is not this one.
        if (string.IsNullOrEmpty(job.RunnerName))
        {
            return null;
        }

        var nameKey = RunnerName.LiveKey(organization, job.RunnerName);
        return await db.Runners.SingleOrDefaultAsync(r => r.LiveNameKey == nameKey && r.GitHubRunnerId == null, cancellationToken);
    }

    private string Ignore(WebhookDelivery delivery, string reason)
    {
        delivery.MarkIgnored(reason, clock.GetUtcNow());
        return reason;
    }
}
