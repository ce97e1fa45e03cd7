using System.Linq.Expressions;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Common.Interfaces;

/// <summary>
/// Runners read without change tracking, for a unit of work that reads many and changes a few at a time (a sync run
/// reads the organization's whole fleet, then saves runner by runner): every save's change detection scans whatever is
/// tracked, so with thousands tracked each save cost thousands. <see cref="Track"/> attaches one of them as it was
/// read, its concurrency token included, so its change is saved only over the row version it was read from.
/// </summary>
public interface IUntrackedRunners
{
    Task<List<Runner>> ReadAsync(Expression<Func<Runner, bool>> predicate, CancellationToken cancellationToken);

    /// <summary>Tracks (unchanged) a runner this instance read; throws for any other.</summary>
    Runner Track(Runner runner);
}
