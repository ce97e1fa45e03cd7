namespace RunnerTokens.Application.Common.Interfaces;

/// <summary>Counts a team's live runners (provisioned and not yet gone), for its quota.</summary>
public interface ILiveRunnerCounter
{
    Task<int> CountLiveRunnersAsync(Guid teamId, CancellationToken cancellationToken);
}
