using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Infrastructure.Runners;

/// <summary>
/// The lock is a write to the team's row (a shadow counter column) at the start of the transaction:
/// PostgreSQL and SQL Server hold that row lock until commit; SQLite's writer lock serializes all
/// writers anyway. Every provider gets the same portable statement.
/// </summary>
public sealed class DatabaseTeamProvisioningLock(AppDbContext db) : ITeamProvisioningLock
{
    public const string LockColumn = "ProvisioningLock";

    public Task<Result<T>> RunExclusiveAsync<T>(Guid teamId, Func<CancellationToken, Task<Result<T>>> work, CancellationToken cancellationToken) =>
        ExclusiveTransaction.RunAsync(
            db,
            ct => db.Set<Team>()
                .Where(t => t.Id == teamId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => EF.Property<long>(t, LockColumn), t => EF.Property<long>(t, LockColumn) + 1), ct),
            work,
            cancellationToken);
}
