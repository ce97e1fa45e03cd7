using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Runners.Common;

/// <summary>A runner as a committed save left it (added, status or labels changed, deleted).</summary>
public sealed record RunnerChange(Guid RunnerId, Guid TeamId, RunnerStatus Status);
