namespace RunnerTokens.Application.Common.Interfaces;

/// <summary>Counts a team's live runners (provisioned and not yet gone), for its quota.</summary>
public interface ILiveRunnerCounter
{
    Task<int> CountLiveRunnersAsync(Guid teamId, CancellationToken cancellationToken);

    /// <summary>
    /// The live runners counted no further than <paramref name="atMost"/>: enough to decide a quota of that size, at a
    /// cost bounded by the quota instead of by the team's whole fleet.
    /// </summary>
    Task<int> CountLiveRunnersAsync(Guid teamId, int atMost, CancellationToken cancellationToken);
}
