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
/// holds the processing lease, so a delivery is never applied by two replicas at once.
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

    protected override PeriodicSchedule Schedule => new(PollInterval);

    protected override Task RunPassAsync(CancellationToken cancellationToken) => ProcessPendingAsync(cancellationToken);

    /// <summary>A stored delivery ends the poll pause at once.</summary>
    protected override Task WaitForWakeUpAsync(CancellationToken cancellationToken) => signal.WaitAsync(cancellationToken);

    /// <summary>Processes everything pending now; public to the assembly so tests can drive it deterministically.</summary>
    internal async Task<int> ProcessPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var lease = scope.ServiceProvider.GetRequiredService<IDistributedLease>();
        if (!await lease.TryAcquireAsync(LeaseName, LeaseDuration, cancellationToken))
        {
            return 0;
        }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying webhook delivery {DeliveryRowId} failed")]
    private static partial void LogApplyFailed(ILogger logger, Guid deliveryRowId, Exception exception);
}
