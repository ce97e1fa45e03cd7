using Mediator;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Runners.SyncNow;

/// <summary>
/// Syncs each organization under its lease (the same lease the background worker takes), so an admin's
/// request never runs alongside another replica's sync of the same organization.
/// </summary>
public sealed class SyncNowCommandHandler(
    OrganizationSync sync,
    IDistributedLease lease,
    IOptions<SyncOptions> options,
    TimeProvider clock) : ICommandHandler<SyncNowCommand, Result<IReadOnlyList<SyncRunDto>>>
{
    public async ValueTask<Result<IReadOnlyList<SyncRunDto>>> Handle(SyncNowCommand command, CancellationToken cancellationToken)
    {
        var results = new List<SyncRunDto>();
        foreach (var organization in await sync.OrganizationsAsync(cancellationToken))
        {
            if (!await lease.TryAcquireAsync(SyncOptions.LeaseName(organization), options.Value.EffectiveLeaseDuration, cancellationToken))
            {
                results.Add(new SyncRunDto(organization.ToLowerInvariant(), clock.GetUtcNow(), 0, null, 0, 0, null, null, Yielded: false, Skipped: true));
                continue;
            }

            results.Add(await sync.SyncAsync(organization, cancellationToken));
        }

        return Result<IReadOnlyList<SyncRunDto>>.Success(results);
    }
}
