using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Webhooks.ApplyWebhookDelivery;
using RunnerTokens.Domain.Webhooks;
using RunnerTokens.Infrastructure.BackgroundWork;

namespace RunnerTokens.Infrastructure.Webhooks;

/// <summary>
/// Applies stored webhook deliveries in the order they arrived. Woken at once by a new delivery and
/// polls as a fallback (deliveries stored by another replica, or left by a crash). One replica at a time
/// holds the processing lease, so a delivery is never applied by two replicas at once; the lease is released
/// when the host stops, so another replica takes over at once rather than after it expires.
/// </summary>
internal sealed partial class WebhookProcessor(
    IServiceScopeFactory scopes,
    WebhookDeliverySignal signal,
    TimeProvider clock,
    ILogger<WebhookProcessor> logger) : PeriodicWorker(clock, logger)
{
    public const string LeaseName = "webhook-processor";
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);
    private const int BatchSize = 100;
    private volatile bool _holding;

    protected override PeriodicSchedule Schedule => new(PollInterval);

    protected override Task RunPassAsync(CancellationToken cancellationToken) => ProcessPendingAsync(cancellationToken);

    /// <summary>A stored delivery ends the poll pause at once.</summary>
    protected override Task WaitForWakeUpAsync(CancellationToken cancellationToken) => signal.WaitAsync(cancellationToken);

    protected override Task OnStoppedAsync(CancellationToken cancellationToken) => ReleaseLeaseAsync(cancellationToken);

    /// <summary>Gives the lease up if this replica took it (on shutdown); internal so tests can drive it.</summary>
    internal async Task ReleaseLeaseAsync(CancellationToken cancellationToken)
    {
        if (!_holding)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IDistributedLease>().ReleaseAsync(LeaseName, cancellationToken);
            _holding = false;
        }
        catch (Exception ex)
        {
            // Best effort on shutdown: the lease expires by itself.
            LogReleaseFailed(logger, ex);
        }
    }

    /// <summary>Processes everything pending now; public to the assembly so tests can drive it deterministically.</summary>
    internal async Task<int> ProcessPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var lease = scope.ServiceProvider.GetRequiredService<IDistributedLease>();
        if (!await lease.TryAcquireAsync(LeaseName, LeaseDuration, cancellationToken))
        {
            _holding = false;
            return 0;
        }

        _holding = true;

        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        var processed = 0;
        var attempted = new HashSet<Guid>(); // a delivery that failed waits for the next pass, not a hot loop
        while (true)
        {
            var pending = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == WebhookDeliveryStatus.Received)
                .OrderBy(d => d.ReceivedAt).ThenBy(d => d.Id)
                .Select(d => d.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            pending.RemoveAll(id => !attempted.Add(id));
            if (pending.Count == 0)
            {
                return processed;
            }

            foreach (var id in pending)
            {
                await ApplyOneAsync(id, cancellationToken);
                processed++;
            }

            await lease.TryAcquireAsync(LeaseName, LeaseDuration, cancellationToken);
        }
    }

    private async Task ApplyOneAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            await sender.Send(new ApplyWebhookDeliveryCommand(id), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogApplyFailed(logger, id, ex);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
            var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == id, cancellationToken);
            delivery.RecordFailedAttempt(ex.GetType().Name + ": " + ex.Message, Clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the webhook processing lease on shutdown; it will expire")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying webhook delivery {DeliveryRowId} failed")]
    private static partial void LogApplyFailed(ILogger logger, Guid deliveryRowId, Exception exception);
}
