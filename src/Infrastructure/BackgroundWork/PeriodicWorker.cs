using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RunnerTokens.Infrastructure.BackgroundWork;

/// <summary>
/// The loop every background worker shares (<c>SyncWorker</c>, <c>AuditSealingService</c>, <c>WebhookProcessor</c>):
/// <list type="number">
/// <item>does nothing at all when <see cref="IsEnabled"/> is false;</item>
/// <item>waits <see cref="PeriodicSchedule.StartDelay"/>, then runs <see cref="RunPassAsync"/>, pauses
/// <see cref="PeriodicSchedule.Interval"/> plus up to <see cref="PeriodicSchedule.Jitter"/> of it, and again;</item>
/// <item>a pause ends early when <see cref="WaitForWakeUpAsync"/> completes (a worker that can be told there is
/// work, like the webhook processor);</item>
/// <item>a pass that throws is logged and the loop goes on; stopping the host cancels the pass or the pause
/// at once and ends the loop, then <see cref="OnStoppedAsync"/> runs (release leases), once however often the
/// worker is stopped.</item>
/// </list>
/// Time comes from the injected <see cref="TimeProvider"/>, so tests drive the loop with a fake clock.
/// </summary>
internal abstract partial class PeriodicWorker : BackgroundService
{
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private bool _ran;
    private Task? _stop;

    protected PeriodicWorker(TimeProvider clock, ILogger logger)
    {
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The clock the loop waits on, for the passes' own timestamps.</summary>
    protected TimeProvider Clock => _clock;

    /// <summary>Read once, when the worker starts.</summary>
    protected abstract PeriodicSchedule Schedule { get; }

    /// <summary>Read once, when the worker starts: false leaves the worker idle for the life of the process.</summary>
    protected virtual bool IsEnabled => true;

    /// <summary>A short name for the log lines of the loop.</summary>
    protected virtual string WorkerName => GetType().Name;

    /// <summary>One pass of work.</summary>
    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    /// <summary>Completes when the next pass should start before the pause is over; never, unless overridden.</summary>
    protected virtual Task WaitForWakeUpAsync(CancellationToken cancellationToken) =>
        Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Runs once after the loop ended because the host stops (not when the worker is disabled).</summary>
    protected virtual Task OnStoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A number in [0, 1) that picks the jitter of the next pause.</summary>
    protected virtual double NextRandom() => Random.Shared.NextDouble();

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsEnabled)
        {
            LogDisabled(_logger, WorkerName);
            return;
        }

        _ran = true;
        var schedule = Schedule;
        if (schedule.StartDelay > TimeSpan.Zero && !await PauseAsync(schedule.StartDelay, stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPassAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPassFailed(_logger, WorkerName, ex);
            }

            if (!await PauseAsync(schedule.NextPause(NextRandom()), stoppingToken))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Stops once: every later or concurrent call waits for that one stop (and its <see cref="OnStoppedAsync"/>). The
    /// host can be stopped twice at once (a caller's <c>StopAsync</c> while the app's own run loop reacts to
    /// <c>ApplicationStopping</c> with another), and a second call that found nothing left to release returned while
    /// the first was still giving the leases back.
    /// </summary>
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return Interlocked.CompareExchange(ref _stop, stop.Task, null) is { } earlier
            ? earlier.WaitAsync(cancellationToken)
            : StopOnceAsync(stop, cancellationToken);
    }

    private async Task StopOnceAsync(TaskCompletionSource stop, CancellationToken cancellationToken)
    {
        try
        {
            await base.StopAsync(cancellationToken);
            if (_ran)
            {
                await OnStoppedAsync(cancellationToken);
            }

            stop.SetResult();
        }
        catch (Exception ex)
        {
            stop.SetException(ex);
            throw;
        }
    }

    /// <summary>Waits for the pause or a wake-up; false when the host is stopping.</summary>
    private async Task<bool> PauseAsync(TimeSpan pause, CancellationToken stoppingToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(pause, _clock, waiting.Token);
        var wakeUp = WaitForWakeUpAsync(waiting.Token);
        await Task.WhenAny(delay, wakeUp);
        await waiting.CancelAsync();
        await Task.WhenAll(delay, wakeUp).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (wakeUp is { IsFaulted: true, Exception: { } failure })
        {
            LogWakeUpFailed(_logger, WorkerName, failure.GetBaseException());
        }

        return !stoppingToken.IsCancellationRequested;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Worker} is disabled in this process")]
    private static partial void LogDisabled(ILogger logger, string worker);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker} pass failed; retrying at the next interval")]
    private static partial void LogPassFailed(ILogger logger, string worker, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Worker} wake-up signal failed; waiting for the interval instead")]
    private static partial void LogWakeUpFailed(ILogger logger, string worker, Exception exception);
}
