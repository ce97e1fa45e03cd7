using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Application.Sync.Common;
using RunnerTokens.Domain.Audit;

namespace RunnerTokens.Application.Webhooks.ApplyWebhookDelivery;

/// <summary>
/// A job that starts on a runner no live row claims, in a managed runner group (see
/// <c>ManagedRunnerGroups</c>), runs on a machine the service did not hand out: a high security event
/// <c>runner.unmanaged_job</c>, and in enforce mode the workflow run is cancelled (audited). Runners of
/// unmanaged groups stay none of the service's business.
/// </summary>
public sealed class UnmanagedJobEnforcer(
    IAppDbContext db,
    SyncedOrganizations organizations,
    WorkflowRunCanceller canceller,
    IAuditLog audit,
    IOptions<SyncOptions> syncOptions,
    IOptions<WebhookOptions> webhookOptions)
{
    /// <returns>A short outcome for the delivery record, or null when the runner is not in a managed group.</returns>
    public async Task<string?> CheckAsync(string organization, WorkflowJobEvent payload, CancellationToken cancellationToken)
    {
        var job = payload.Job;
        if (job.RunnerGroupId is not { } group || job.RunnerId is not > 0)
        {
            return null;
        }

        var spellings = await organizations.StoredSpellingsAsync(organization, cancellationToken);
        var managed = await db.ManagedRunnerGroupsAsync(spellings, syncOptions.Value.ManageDefaultGroup, cancellationToken);
        if (!managed.Contains(group))
        {
            return null;
        }

        var repository = payload.Repository?.FullName;
        var mode = webhookOptions.Value.EnforcementMode;
        audit.RecordSecurity(new SecurityEntry(
            "runner.unmanaged_job",
            SecuritySeverity.High,
            Details: new
            {
                organization,
                name = job.RunnerName,
                githubRunnerId = job.RunnerId,
                runnerGroupId = group,
                labels = job.Labels,
                jobId = job.Id,
                runId = job.RunId,
                repository,
                mode = mode.ToString().ToLowerInvariant(),
            },
            Actor: AuditActor.GitHubWebhook));
        if (mode != EnforcementMode.Enforce)
        {
            return "job on an unmanaged runner in a managed group (audit mode)";
        }

        var cancellation = await canceller.CancelAsync(repository, job.RunId, cancellationToken);
        var outcome = cancellation.Describe();
        audit.Record(new AuditEntry(
            "runner.job_cancelled", "github_runner", job.RunnerId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            cancellation.IsCancelled ? AuditOutcome.Succeeded : AuditOutcome.Failed, TeamId: null,
            new { runner = job.RunnerName, jobId = job.Id, runId = job.RunId, repository, outcome, reason = "unmanaged_runner" },
            AuditActor.GitHubWebhook));
        return $"job on an unmanaged runner; run {outcome}";
    }
}
