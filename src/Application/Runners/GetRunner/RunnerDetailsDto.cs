using RunnerTokens.Application.Runners.Common;

namespace RunnerTokens.Application.Runners.GetRunner;

/// <summary>A runner with the jobs it ran: who got which runner, which job ran on it.</summary>
public sealed record RunnerDetailsDto(RunnerDto Runner, IReadOnlyList<RunnerJobDto> Jobs);

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
