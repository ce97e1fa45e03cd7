using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Infrastructure.Persistence;
using RunnerTokens.Infrastructure.Persistence.Configurations;

namespace RunnerTokens.Infrastructure.Runners;

/// <summary>
/// The concurrency token is a shadow property, which an untracked read does not keep: it is read beside each runner and
/// remembered per instance, then given back to the entry when the runner is tracked.
/// </summary>
public sealed class UntrackedRunners(AppDbContext db) : IUntrackedRunners
{
    private readonly ConditionalWeakTable<Runner, StrongBox<long>> _versions = [];

    public async Task<List<Runner>> ReadAsync(Expression<Func<Runner, bool>> predicate, CancellationToken cancellationToken)
    {
        var rows = await db.Runners
            .AsNoTracking()
            .Where(predicate)
            .Select(r => new { Runner = r, Version = EF.Property<long>(r, RunnerConfiguration.Version) })
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            _versions.AddOrUpdate(row.Runner, new StrongBox<long>(row.Version));
        }

        return [.. rows.Select(r => r.Runner)];
    }

    public Runner Track(Runner runner)
    {
        if (!_versions.TryGetValue(runner, out var version))
        {
            throw new InvalidOperationException($"Runner {runner.Id} was not read by this {nameof(UntrackedRunners)}.");
        }

        var entry = db.Runners.Attach(runner);
        var token = entry.Property<long>(RunnerConfiguration.Version);
        token.CurrentValue = version.Value;
        token.OriginalValue = version.Value;
        entry.State = EntityState.Unchanged; // setting the token marked it modified: the runner itself is as read
        return runner;
    }
}
