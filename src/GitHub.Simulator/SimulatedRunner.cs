namespace RunnerTokens.GitHub.Simulator;

/// <summary>A snapshot of a runner held by the <see cref="GitHubSimulator"/>.</summary>
/// <param name="Organization">The organization it is registered in.</param>
/// <param name="Id">Its numeric id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Status"><c>online</c> or <c>offline</c>, as GitHub would report it now.</param>
/// <param name="Busy">True while it runs a job.</param>
/// <param name="Labels">Read-only and custom labels.</param>
/// <param name="RunnerGroupId">Its runner group.</param>
/// <param name="Ephemeral">True for JIT runners.</param>
/// <param name="CreatedAt">When it was registered.</param>
public sealed record SimulatedRunner(
    string Organization,
    long Id,
    string Name,
    string Status,
    bool Busy,
    IReadOnlyList<SimulatedRunnerLabel> Labels,
    long RunnerGroupId,
    bool Ephemeral,
    DateTimeOffset CreatedAt);
