using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Sync.Common;
using RunnerTokens.Application.Sync.SyncOrganization;
using RunnerTokens.Domain.Common;
using RunnerTokens.Infrastructure.BackgroundWork;

namespace RunnerTokens.Infrastructure.Sync;

/// <summary>
/// Every <c>Sync:Interval</c>, syncs each organization this replica holds (or can take) the lease
/// <c>sync:{org}</c> for. The lease lasts <see cref="SyncOptions.EffectiveLeaseDuration"/> (default twice the
/// interval plus 30 s) and is renewed before each run, so the holder keeps it while alive; a crashed holder
/// stops renewing and another replica takes the organization over once the lease has expired. While a run lasts
/// (a slow GitHub can make it outlast the lease) the lease is renewed every third of its duration, and a run whose
/// lease was lost anyway is cancelled: two replicas never sync one organization at once. Leases held are released
/// on shutdown so a rolling restart hands over at once.
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

        // Counted as held before asking: an acquisition the database committed can still end in a cancellation here
        // (the host stopping), and a lease only released if this replica holds it costs nothing to release in vain.
        lock (_held)
        {
            _held.Add(name);
        }

        if (!await lease.TryAcquireAsync(name, options.Value.EffectiveLeaseDuration, cancellationToken))
        {
            lock (_held)
            {
                _held.Remove(name);
            }

            return null;
        }

        // Through the mediator (logging, validation), exactly as SyncNowCommand's handler and the tests send it.
        using var holding = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = KeepLeaseAsync(name, holding);
        Result<SyncRunDto> synced;
        try
        {
            synced = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SyncOrganizationCommand(organization), holding.Token);
        }
        catch (OperationCanceledException) when (holding.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogLeaseLost(logger, organization);
            return null;
        }
        finally
        {
            await holding.CancelAsync();
            await renewing;
        }

        if (synced.IsFailure)
        {
            LogOrganizationRefused(logger, organization, synced.Error.Code);
            return null;
        }

        return synced.Value;
    }

    /// <summary>
    /// Renews <paramref name="name"/> every third of the lease while the run lasts; cancels the run through
    /// <paramref name="holding"/> when the lease could not be renewed (another replica has it). Ends when the run does.
    /// </summary>
    private async Task KeepLeaseAsync(string name, CancellationTokenSource holding)
    {
        var duration = options.Value.EffectiveLeaseDuration;
        try
        {
            while (true)
            {
                await Task.Delay(duration / 3, Clock, holding.Token);
                await using var scope = scopes.CreateAsyncScope();
                if (!await scope.ServiceProvider.GetRequiredService<IDistributedLease>().TryAcquireAsync(name, duration, holding.Token))
                {
                    lock (_held)
                    {
                        _held.Remove(name);
                    }

                    await holding.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (holding.IsCancellationRequested)
        {
            // The run ended (or the host stops).
        }
        catch (Exception ex)
        {
            // The database is unreachable: the run cannot save either; the lease expires by itself if it stays so.
            LogRenewalFailed(logger, name, ex);
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync of {Organization} stopped: its lease went to another replica during the run")]
    private static partial void LogLeaseLost(ILogger logger, string organization);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing lease {Lease} during a sync run failed")]
    private static partial void LogRenewalFailed(ILogger logger, string lease, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing lease {Lease} failed")]
    private static partial void LogReleaseFailed(ILogger logger, string lease, Exception exception);
}
