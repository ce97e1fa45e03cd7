using RunnerTokens.Application.Common.Interfaces;

namespace RunnerTokens.Infrastructure.Teams;

/// <summary>
/// Placeholder until runners are stored: there are no runners yet, so every team has 0 live runners.
/// Replace with a count of the team's live runners when the runners feature lands.
/// </summary>
internal sealed class NoRunnersLiveRunnerCounter : ILiveRunnerCounter
{
    public Task<int> CountLiveRunnersAsync(Guid teamId, CancellationToken cancellationToken) => Task.FromResult(0);
}
