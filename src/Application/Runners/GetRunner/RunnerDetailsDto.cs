using RunnerTokens.Application.Runners.Common;

namespace RunnerTokens.Application.Runners.GetRunner;

/// <summary>
/// A runner with the jobs it ran: the same flat fields as <see cref="RunnerDto"/> (the list's items), plus
/// <c>jobs</c>, newest first. Never carries a secret.
/// </summary>
public sealed record RunnerDetailsDto : RunnerDto
{
    public RunnerDetailsDto(RunnerDto runner, IReadOnlyList<RunnerJobDto> jobs)
        : base(runner ?? throw new ArgumentNullException(nameof(runner)))
    {
        Jobs = jobs;
    }

    /// <summary>The jobs this runner ran, newest first.</summary>
    public IReadOnlyList<RunnerJobDto> Jobs { get; }
}
