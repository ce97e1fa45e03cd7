using Mediator;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Sync.Common;
using RunnerTokens.Application.Sync.SyncOrganization;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Sync.SyncNow;

/// <summary>
/// Syncs each organization under its lease (the same lease the background worker takes), so an admin's
/// request never runs alongside another replica's sync of the same organization. Each leased organization
/// is synced by sending <see cref="SyncOrganizationCommand"/>, as the worker does.
/// </summary>
public sealed class SyncNowCommandHandler(
    ISender sender,
    SyncedOrganizations organizations,
    IDistributedLease lease,
    IOptions<SyncOptions> options,
    TimeProvider clock) : ICommandHandler<SyncNowCommand, Result<IReadOnlyList<SyncRunDto>>>
{
    public async ValueTask<Result<IReadOnlyList<SyncRunDto>>> Handle(SyncNowCommand command, CancellationToken cancellationToken)
    {
        var results = new List<SyncRunDto>();
        foreach (var organization in await organizations.ListAsync(cancellationToken))
        {
            if (!await lease.TryAcquireAsync(SyncOptions.LeaseName(organization), options.Value.EffectiveLeaseDuration, cancellationToken))
            {
                results.Add(new SyncRunDto(organization.ToLowerInvariant(), clock.GetUtcNow(), 0, null, 0, 0, null, null, Yielded: false, Skipped: true));
                continue;
            }

            var synced = await sender.Send(new SyncOrganizationCommand(organization), cancellationToken);
            if (synced.IsFailure)
            {
                return synced.Error;
            }

            results.Add(synced.Value);
        }

        return Result<IReadOnlyList<SyncRunDto>>.Success(results);
    }
}
