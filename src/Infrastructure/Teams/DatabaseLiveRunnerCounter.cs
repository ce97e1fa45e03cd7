using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Infrastructure.Teams;

/// <summary>
/// Counts the team's runners that are not deleted (a runner being provisioned holds its quota slot too).
/// </summary>
public sealed class DatabaseLiveRunnerCounter(IAppDbContext db) : ILiveRunnerCounter
{
    public Task<int> CountLiveRunnersAsync(Guid teamId, CancellationToken cancellationToken) =>
        LiveRunners(teamId).CountAsync(cancellationToken);

    public Task<int> CountLiveRunnersAsync(Guid teamId, int atMost, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(atMost);
        return LiveRunners(teamId).Take(atMost).CountAsync(cancellationToken);
    }

    private IQueryable<Runner> LiveRunners(Guid teamId) =>
        db.Runners.Where(r => r.TeamId == teamId && r.Status != RunnerStatus.Deleted);
}
