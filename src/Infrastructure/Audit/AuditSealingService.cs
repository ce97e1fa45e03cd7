using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Audit.SealAuditTrail;

namespace RunnerTokens.Infrastructure.Audit;

/// <summary>
/// Seals pending audit events every <see cref="AuditSealingOptions.Interval"/> (with jitter, so replicas
/// rarely collide). Each run gets its own scope, hence a fresh DbContext. A run that loses the race to
/// another replica, or fails, is simply retried next time: nothing is lost, events wait unsealed.
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

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SealOnceAsync(settings, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
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
                return;
            }
        }
    }

    private async Task SealOnceAsync(AuditSealingOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        await sender.Send(new SealAuditTrailCommand(settings.BatchSize, settings.MaxBatchesPerRun), cancellationToken);
    }

    private static TimeSpan WithJitter(TimeSpan interval) =>
        interval + TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * interval.TotalMilliseconds * 0.2);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit sealing is disabled in this process (Audit:Sealing:Enabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit sealing run failed; retrying at the next interval")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
