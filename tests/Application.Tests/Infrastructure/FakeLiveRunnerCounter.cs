using RunnerTokens.Application.Common.Interfaces;

namespace RunnerTokens.Application.Tests.Infrastructure;

/// <summary>Live runner counts set per team by the test; 0 otherwise.</summary>
public sealed class FakeLiveRunnerCounter : ILiveRunnerCounter
{
    public Dictionary<Guid, int> Counts { get; } = [];

    public Task<int> CountLiveRunnersAsync(Guid teamId, CancellationToken cancellationToken) =>
        Task.FromResult(Counts.GetValueOrDefault(teamId));

    public Task<int> CountLiveRunnersAsync(Guid teamId, int atMost, CancellationToken cancellationToken) =>
        Task.FromResult(Math.Min(Counts.GetValueOrDefault(teamId), atMost));
}
