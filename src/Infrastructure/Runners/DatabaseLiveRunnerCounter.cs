using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Infrastructure.Runners;

/// <summary>A team's live runners: every runner not yet deleted, reservations in flight included.</summary>
internal sealed class DatabaseLiveRunnerCounter(IAppDbContext db) : ILiveRunnerCounter
{
    public Task<int> CountLiveRunnersAsync(Guid teamId, CancellationToken cancellationToken) =>
        db.Runners.CountAsync(r => r.TeamId == teamId && r.Status != RunnerStatus.Deleted, cancellationToken);
}
