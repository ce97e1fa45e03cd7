using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Api.Contracts.Runners;

/// <param name="Statuses">Only runners in these statuses; every live runner when omitted.</param>
/// <param name="DryRun">Report what would be deleted, delete nothing.</param>
public sealed record DeleteTeamRunnersRequest(IReadOnlyList<RunnerStatus>? Statuses, bool DryRun = false);
