using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Audit.SealAuditTrail;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Infrastructure.BackgroundWork;
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
    ILogger<AuditSealingService> logger) : PeriodicWorker(clock, logger)
{
    protected override bool IsEnabled => options.Value.Enabled;

    protected override PeriodicSchedule Schedule => new(options.Value.Interval);

    // The database may be briefly unreachable: a failed pass is logged and the next one tries again.
    protected override Task RunPassAsync(CancellationToken cancellationToken) => SealOnceAsync(options.Value, cancellationToken);

    protected override Task OnStoppedAsync(CancellationToken cancellationToken) => ReleaseLeaseAsync(options.Value);

    private async Task SealOnceAsync(AuditSealingOptions settings, CancellationToken cancellationToken)
    {
        var leaseDuration = TimeSpan.FromTicks(Math.Max(settings.Interval.Ticks * 6, MinimumLease.Ticks));
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the audit sealing lease on shutdown; it will expire")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
