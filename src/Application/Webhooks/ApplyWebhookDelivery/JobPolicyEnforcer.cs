using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Webhooks.ApplyWebhookDelivery;

/// <summary>
/// When a job starts, checks that the runner's custom labels at GitHub still satisfy its team's current
/// policy (every required label present, every other label allowed). A violation is a high security event;
/// in enforce mode the workflow run is also cancelled and the outcome recorded on the job.
/// </summary>
public sealed class JobPolicyEnforcer(
    IAppDbContext db,
    IGitHubRunners gitHub,
    WorkflowRunCanceller canceller,
    IAuditLog audit,
    IOptions<WebhookOptions> options)
{
    /// <returns>A short outcome for the delivery record, or null when the runner complies.</returns>
    public async Task<string?> CheckAsync(Runner runner, RunnerJob job, string? repositoryFullName, CancellationToken cancellationToken)
    {
        if (runner.GitHubRunnerId is not { } gitHubId)
        {
            return null;
        }

        var atGitHub = await gitHub.GetRunnerAsync(runner.Organization, gitHubId, cancellationToken);
        if (!atGitHub.IsSuccess)
        {
            return $"label check skipped ({atGitHub.ToError().Code})";
        }

        var custom = atGitHub.Value.Labels.Where(l => l.Type == GitHubRunnerLabelType.Custom).Select(l => l.Name).ToList();
        var policy = await db.CurrentPolicyAsync(runner.TeamId, cancellationToken);
        var problems = Violations(policy, custom);
        if (problems.Count == 0)
        {
            return null;
        }

        var mode = options.Value.EnforcementMode;
        audit.RecordSecurity(new SecurityEntry(
            "runner.job_policy_violation",
            SecuritySeverity.High,
            runner.TeamId,
            runner.Id,
            new { runner = runner.Name, labelsAtGitHub = custom, policyVersion = policy.Version, problems, jobId = job.JobId, runId = job.RunId, repository = repositoryFullName, mode = mode.ToString().ToLowerInvariant() },
            AuditActor.GitHubWebhook));
        if (mode != EnforcementMode.Enforce)
        {
            return "policy violation (audit mode)";
        }

        var cancellation = await canceller.CancelAsync(repositoryFullName, job.RunId, cancellationToken);
        var outcome = cancellation.Describe();
        job.RecordEnforcement(outcome);
        audit.Record(new AuditEntry(
            "runner.job_cancelled", "runner", runner.Id.ToString(), cancellation.IsCancelled ? AuditOutcome.Succeeded : AuditOutcome.Failed, runner.TeamId,
            new { runner = runner.Name, jobId = job.JobId, runId = job.RunId, repository = repositoryFullName, outcome },
            AuditActor.GitHubWebhook));
        return $"policy violation; run {outcome}";
    }

    /// <summary>Every way the labels at GitHub break the policy; empty when they comply. The quota is not the job's concern.</summary>
    public static IReadOnlyList<string> Violations(LabelPolicy policy, IReadOnlyList<string> customLabels)
    {
        var present = new HashSet<string>(customLabels, Labels.Comparer);
        var problems = policy.RequiredLabels.Where(r => !present.Contains(r)).Select(r => $"required label '{r}' missing").ToList();
        var decision = AdmissionPolicy.Evaluate(policy, customLabels.ToList(), requestedRunnerGroupId: null, liveRunnerCount: 0);
        problems.AddRange(decision.Violations.Where(v => v.Kind == AdmissionViolationKind.Label).Select(v => $"label '{v.Label}': {v.Message}"));
        return problems;
    }
}
