using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Runners.Common;

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
    ILogger<SyncWorker> logger) : BackgroundService
{
    private readonly HashSet<string> _held = new(StringComparer.OrdinalIgnoreCase);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, ex);
            }

            try
            {
                await Task.Delay(options.Value.Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One pass over every organization; internal so tests can drive it deterministically.</summary>
    internal async Task<IReadOnlyList<SyncRunDto>> RunOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> organizations;
        await using (var scope = scopes.CreateAsyncScope())
        {
            organizations = await scope.ServiceProvider.GetRequiredService<OrganizationSync>().OrganizationsAsync(cancellationToken);
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

        // The same code as SyncOrganizationCommand's handler, called directly: the worker does not depend on the
        // host's source-generated mediator, so any host (and the two-replica tests) can run it.
        return await scope.ServiceProvider.GetRequiredService<OrganizationSync>().SyncAsync(organization, cancellationToken);
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

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await ReleaseLeasesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync of {Organization} failed")]
    private static partial void LogOrganizationFailed(ILogger logger, string organization, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing lease {Lease} failed")]
    private static partial void LogReleaseFailed(ILogger logger, string lease, Exception exception);
}
