using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Audit.SealAuditTrail;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Infrastructure.Audit;

/// <summary>
/// Seals pending audit events every <see cref="AuditSealingOptions.Interval"/> (with jitter). Each run gets
/// its own scope, hence a fresh DbContext. Replicas first take the <c>audit-sealer</c> database lease so
/// that normally one of them seals; the lease only saves wasted work: the unique index on the sequence
/// is what keeps the chain from forking if two sealers ever run at once (lease expiry, the verify endpoint).
/// A run that loses a race or fails is retried next time: nothing is lost, events wait unsealed.
/// </summary>
internal sealed partial class AuditSealingService(
    IServiceScopeFactory scopes,
    IOptions<AuditSealingOptions> options,
    TimeProvider clock,
    ILogger<AuditSealingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        var leaseDuration = TimeSpan.FromTicks(Math.Max(settings.Interval.Ticks * 6, MinimumLease.Ticks));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SealOnceAsync(settings, leaseDuration, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database may be briefly unreachable; the next run tries again.
                LogRunFailed(logger, ex);
            }

            try
            {
                await Task.Delay(WithJitter(settings.Interval), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await ReleaseLeaseAsync(settings);
    }

    private async Task SealOnceAsync(AuditSealingOptions settings, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (settings.UseLease
            && !await scope.ServiceProvider.GetRequiredService<IDistributedLease>().TryAcquireAsync(LeaseName, leaseDuration, cancellationToken))
        {
            return; // Another replica is the sealer for now.
        }

        // Idle replicas stay quiet: no command (and no pipeline log line) when nothing waits to be sealed.
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await db.AuditEvents.AnyAsync(e => e.Sequence == null && e.RejectedAt == null, cancellationToken))
        {
            return;
        }

        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        await sender.Send(new SealAuditTrailCommand(settings.BatchSize, settings.MaxBatchesPerRun), cancellationToken);
    }

    private async Task ReleaseLeaseAsync(AuditSealingOptions settings)
    {
        if (!settings.UseLease)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await scope.ServiceProvider.GetRequiredService<IDistributedLease>().ReleaseAsync(LeaseName, timeout.Token);
        }
        catch (Exception ex)
        {
            // Best effort on shutdown: the lease expires by itself.
            LogReleaseFailed(logger, ex);
        }
    }

    public const string LeaseName = "audit-sealer";

    private static readonly TimeSpan MinimumLease = TimeSpan.FromSeconds(30);

    private static TimeSpan WithJitter(TimeSpan interval) =>
        interval + TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * interval.TotalMilliseconds * 0.2);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit sealing is disabled in this process (Audit:Sealing:Enabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the audit sealing lease on shutdown; it will expire")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit sealing run failed; retrying at the next interval")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
