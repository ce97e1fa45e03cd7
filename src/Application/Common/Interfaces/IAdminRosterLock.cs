using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Common.Interfaces;

/// <summary>
/// Serializes, in the database and across replicas, every change that can take away an active admin (demote,
/// deactivate), so "is another active admin left?" and the change are one step: two admins demoting or deactivating
/// each other at the same instant cannot both succeed and leave none.
/// </summary>
public interface IAdminRosterLock
{
    /// <summary>
    /// Runs <paramref name="work"/> in a transaction holding the roster lock. A success commits (the work saves its
    /// own changes); a failure rolls back. The work may run again after a transient database failure, so it loads
    /// what it changes itself.
    /// </summary>
    Task<Result<T>> RunExclusiveAsync<T>(Func<CancellationToken, Task<Result<T>>> work, CancellationToken cancellationToken);
}
