namespace RunnerTokens.Application.Runners.GetRunner;

/// <summary>A job that ran on a runner (from GitHub's workflow_job webhooks).</summary>
/// <param name="JobId">GitHub's workflow job id.</param>
/// <param name="RunId">GitHub's workflow run id.</param>
/// <param name="Repository">The repository (<c>owner/name</c>) whose workflow ran the job.</param>
/// <param name="Conclusion">GitHub's conclusion (<c>success</c>, <c>failure</c>, <c>cancelled</c>, ...); null while running.</param>
/// <param name="EnforcementOutcome">What the job policy did about this job (audit or enforce mode); null when nothing applied.</param>
public sealed record RunnerJobDto(
    long JobId,
    long RunId,
    string Repository,
    string Workflow,
    string JobName,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    string? Conclusion,
    string? EnforcementOutcome);
