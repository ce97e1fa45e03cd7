using RunnerTokens.Domain.Common;

namespace RunnerTokens.Domain.Runners;

/// <summary>A workflow job that ran on a managed runner: who got which runner, which job ran on it.</summary>
public sealed class RunnerJob : Entity
{
    private RunnerJob(Guid id) : base(id) { }

    public Guid RunnerId { get; private set; }
    public long JobId { get; private set; }
    public long RunId { get; private set; }
    public string Repository { get; private set; } = string.Empty;
    public string Workflow { get; private set; } = string.Empty;
    public string JobName { get; private set; } = string.Empty;
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? Conclusion { get; private set; }

    /// <summary>Set when policy enforcement cancelled the run: "cancelled" or "cancel_failed".</summary>
    public string? EnforcementOutcome { get; private set; }

    public static RunnerJob Start(
        Guid runnerId, long jobId, long runId, string repository, string workflow, string jobName, DateTimeOffset startedAt) =>
        new(Guid.CreateVersion7(startedAt))
        {
            RunnerId = runnerId,
            JobId = jobId,
            RunId = runId,
            Repository = repository,
            Workflow = workflow,
            JobName = jobName,
            StartedAt = startedAt,
        };

    public void Complete(string? conclusion, DateTimeOffset completedAt)
    {
        Conclusion = conclusion;
        CompletedAt = completedAt;
    }

    public void RecordEnforcement(string outcome) => EnforcementOutcome = outcome;
}
