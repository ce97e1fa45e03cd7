using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Common.Interfaces;

/// <summary>
/// Serializes admission per team in the database, so a quota of N admits exactly N runners however many
/// requests race, across replicas. Held only for the count and the reservation insert: never across a GitHub call.
/// </summary>
public interface ITeamProvisioningLock
{
    /// <summary>
    /// Runs <paramref name="work"/> in a transaction holding the team's lock. A success commits (the work
    /// saves its own changes); a failure rolls back and detaches whatever the work added.
    /// </summary>
    Task<Result<T>> RunExclusiveAsync<T>(Guid teamId, Func<CancellationToken, Task<Result<T>>> work, CancellationToken cancellationToken);
}
