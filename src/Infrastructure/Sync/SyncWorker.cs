using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Sync.Common;
using RunnerTokens.Application.Sync.SyncOrganization;
using RunnerTokens.Infrastructure.BackgroundWork;

namespace RunnerTokens.Infrastructure.Sync;

/// <summary>
/// Every <c>Sync:Interval</c>, syncs each organization this replica holds (or can take) the lease
/// <c>sync:{org}</c> for. The lease lasts <see cref="SyncOptions.EffectiveLeaseDuration"/> (default twice the
/// interval plus 30 s) and is renewed before each run, so the holder keeps it while alive; a crashed holder
/// stops renewing and another replica takes the organization over once the lease has expired. Leases held
/// are released on shutdown so a rolling restart hands over at once.
/// </summary>
internal sealed partial class SyncWorker(
    IServiceScopeFactory scopes,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    ILogger<SyncWorker> logger) : PeriodicWorker(clock, logger)
{
    private readonly HashSet<string> _held = new(StringComparer.OrdinalIgnoreCase);

    protected override bool IsEnabled => options.Value.Enabled;

    /// <summary>
    /// The default jitter, but never more than half the lease's slack over the interval, so a holder renewing
    /// after each pause still renews well before its lease expires (whatever <c>Sync:LeaseDuration</c> says).
    /// </summary>
    protected override PeriodicSchedule Schedule
    {
        get
        {
            var settings = options.Value;
            var slack = (settings.EffectiveLeaseDuration - settings.Interval) / settings.Interval;
            return new PeriodicSchedule(settings.Interval, Math.Min(PeriodicSchedule.DefaultJitter, slack / 2));
        }
    }

    protected override Task RunPassAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    protected override Task OnStoppedAsync(CancellationToken cancellationToken) => ReleaseLeasesAsync(cancellationToken);

    /// <summary>One pass over every organization; internal so tests can drive it deterministically.</summary>
    internal async Task<IReadOnlyList<SyncRunDto>> RunOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> organizations;
        await using (var scope = scopes.CreateAsyncScope())
        {
            organizations = await scope.ServiceProvider.GetRequiredService<SyncedOrganizations>().ListAsync(cancellationToken);
        }

        var results = new List<SyncRunDto>();
        foreach (var organization in organizations)
        {
            try
            {
                if (await SyncOneAsync(organization, cancellationToken) is { } result)
                {
                    results.Add(result);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogOrganizationFailed(logger, organization, ex);
            }
        }

        return results;
    }

    private async Task<SyncRunDto?> SyncOneAsync(string organization, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var lease = scope.ServiceProvider.GetRequiredService<IDistributedLease>();
        var name = SyncOptions.LeaseName(organization);
        if (!await lease.TryAcquireAsync(name, options.Value.EffectiveLeaseDuration, cancellationToken))
        {
            lock (_held)
            {
                _held.Remove(name);
            }

            return null;
        }

        lock (_held)
        {
            _held.Add(name);
        }

        // Through the mediator (logging, validation), exactly as SyncNowCommand's handler and the tests send it.
        var synced = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SyncOrganizationCommand(organization), cancellationToken);
        if (synced.IsFailure)
        {
            LogOrganizationRefused(logger, organization, synced.Error.Code);
            return null;
        }

        return synced.Value;
    }

    /// <summary>Releases every lease this replica holds (on shutdown, or when a test host "stops").</summary>
    internal async Task ReleaseLeasesAsync(CancellationToken cancellationToken)
    {
        List<string> held;
        lock (_held)
        {
            held = [.. _held];
            _held.Clear();
        }

        if (held.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var lease = scope.ServiceProvider.GetRequiredService<IDistributedLease>();
        foreach (var name in held)
        {
            try
            {
                await lease.ReleaseAsync(name, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReleaseFailed(logger, name, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync of {Organization} was refused: {ErrorCode}")]
    private static partial void LogOrganizationRefused(ILogger logger, string organization, string errorCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync of {Organization} failed")]
    private static partial void LogOrganizationFailed(ILogger logger, string organization, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing lease {Lease} failed")]
    private static partial void LogReleaseFailed(ILogger logger, string lease, Exception exception);
}
