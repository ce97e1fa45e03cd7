namespace RunnerTokens.Api.Contracts.Runners;

/// <summary>Ask for a JIT runner. Give exactly one of <see cref="Name"/> and <see cref="NamePrefix"/>.</summary>
/// <param name="Team">The team's name; may be omitted when you belong to exactly one team.</param>
/// <param name="Labels">Extra labels; the team's required labels are added by the service.</param>
/// <param name="WorkFolder">Relative to the runner's directory; <c>_work</c> when omitted.</param>
public sealed record ProvisionJitRunnerRequest(
    string? Team,
    string? Name,
    string? NamePrefix,
    IReadOnlyList<string?>? Labels,
    long? RunnerGroupId,
    string? WorkFolder);
