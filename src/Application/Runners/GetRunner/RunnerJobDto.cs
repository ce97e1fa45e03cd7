namespace RunnerTokens.Application.Runners.GetRunner;

/// <summary>A job that ran on a runner (from GitHub's workflow_job webhooks).</summary>
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
