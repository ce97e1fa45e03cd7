using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RunnerTokens.Infrastructure.BackgroundWork;

namespace RunnerTokens.Infrastructure.Tests.BackgroundWork;

/// <summary>
/// The loop shared by SyncWorker, AuditSealingService and WebhookProcessor, on a fake clock. "Nothing happened"
/// is checked after a short real pause: the worker runs on the thread pool, only its pauses use the fake clock.
/// </summary>
public sealed class PeriodicWorkerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    [Test]
    public async Task Runs_at_once_then_after_each_interval_plus_its_jitter()
    {
        using var worker = new TestWorker(_clock, new PeriodicSchedule(Interval, Jitter: 0.5)) { Random = 1 };
        await worker.StartAsync(CancellationToken.None);

        await worker.NextPassAsync(1);
        await worker.PausedAsync();
        _clock.Advance(TimeSpan.FromSeconds(15) - TimeSpan.FromTicks(1)); // interval + 50 % jitter, almost
        await Task.Delay(Quiet);
        worker.Passes.ShouldBe(1);

        _clock.Advance(TimeSpan.FromTicks(1));
        await worker.NextPassAsync(2);

        await worker.PausedAsync();
        _clock.Advance(TimeSpan.FromSeconds(15));
        await worker.NextPassAsync(3);
        await worker.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task Waits_the_start_delay_before_the_first_pass()
    {
        using var worker = new TestWorker(_clock, new PeriodicSchedule(Interval, Jitter: 0, StartDelay: TimeSpan.FromSeconds(30)));
        await worker.StartAsync(CancellationToken.None);

        await worker.PausedAsync();
        _clock.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(Quiet);
        worker.Passes.ShouldBe(0);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await worker.NextPassAsync(1);
        await worker.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task A_failing_pass_is_logged_and_the_next_one_runs_after_the_interval()
    {
        using var worker = new TestWorker(_clock, new PeriodicSchedule(Interval, Jitter: 0))
        {
            Pass = (number, _) => number == 1 ? throw new InvalidOperationException("database down") : Task.CompletedTask,
        };
        await worker.StartAsync(CancellationToken.None);

        await worker.NextPassAsync(1);
        await worker.PausedAsync();
        worker.Logger.Errors.ShouldHaveSingleItem().ShouldBeOfType<InvalidOperationException>();

        _clock.Advance(Interval);
        await worker.NextPassAsync(2);
        await worker.StopAsync(CancellationToken.None);
        worker.Logger.Errors.Count.ShouldBe(1);
    }

    [Test]
    public async Task A_wake_up_ends_the_pause_at_once()
    {
        using var worker = new TestWorker(_clock, new PeriodicSchedule(TimeSpan.FromHours(1)));
        await worker.StartAsync(CancellationToken.None);
        await worker.NextPassAsync(1);
        await worker.PausedAsync();

        worker.WakeUp();

        await worker.NextPassAsync(2);
        await worker.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task Stopping_during_a_pause_ends_the_loop_promptly_and_runs_the_stop_hook_once()
    {
        using var worker = new TestWorker(_clock, new PeriodicSchedule(TimeSpan.FromHours(1)));
        await worker.StartAsync(CancellationToken.None);
        await worker.NextPassAsync(1);
        await worker.PausedAsync();

        await worker.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        worker.Stopped.ShouldBe(1);
        worker.Passes.ShouldBe(1);
        worker.Logger.Errors.ShouldBeEmpty();
    }

    [Test]
    public async Task Stopping_cancels_a_running_pass_without_logging_it_as_a_failure()
    {
        var passStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var worker = new TestWorker(_clock, new PeriodicSchedule(Interval))
        {
            Pass = async (_, cancellationToken) =>
            {
                passStarted.SetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            },
        };
        await worker.StartAsync(CancellationToken.None);
        await passStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await worker.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        worker.Stopped.ShouldBe(1);
        worker.Logger.Errors.ShouldBeEmpty();
    }

    [Test]
    public async Task Two_stops_at_once_both_wait_for_the_one_stop_hook_and_a_later_stop_does_not_run_it_again()
    {
        var releasing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var worker = new TestWorker(_clock, new PeriodicSchedule(TimeSpan.FromHours(1))) { StopHook = () => releasing.Task };
        await worker.StartAsync(CancellationToken.None);
        await worker.NextPassAsync(1);
        await worker.PausedAsync();

        // A caller's StopAsync and the app's run loop reacting to ApplicationStopping, as WebApplicationFactory hosts do.
        var first = worker.StopAsync(CancellationToken.None);
        var second = worker.StopAsync(CancellationToken.None);
        await Task.Delay(Quiet);
        first.IsCompleted.ShouldBeFalse("the stop hook (the lease release) is still running");
        second.IsCompleted.ShouldBeFalse("a second stop waits for the first one's release instead of returning at once");

        releasing.SetResult();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));
        await worker.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        worker.Stopped.ShouldBe(1);
    }

    [Test]
    public async Task A_disabled_worker_never_runs_and_has_nothing_to_clean_up()
    {
        using var worker = new TestWorker(_clock, new PeriodicSchedule(Interval), enabled: false);
        await worker.StartAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(1));
        await Task.Delay(Quiet);

        await worker.StopAsync(CancellationToken.None);

        worker.Passes.ShouldBe(0);
        worker.Stopped.ShouldBe(0);
    }

    [TestCase(0.0, 10.0)]
    [TestCase(0.5, 11.0)]
    [TestCase(1.0, 12.0)]
    public void The_pause_is_the_interval_plus_a_random_share_of_the_jitter(double random, double seconds) =>
        new PeriodicSchedule(Interval, Jitter: 0.2).NextPause(random).ShouldBe(TimeSpan.FromSeconds(seconds));

    [Test]
    public void Jitter_outside_zero_to_one_is_clamped()
    {
        new PeriodicSchedule(Interval, Jitter: -1).NextPause(1).ShouldBe(Interval);
        new PeriodicSchedule(Interval, Jitter: 5).NextPause(1).ShouldBe(2 * Interval);
    }

    private sealed class TestWorker : PeriodicWorker
    {
        private readonly PeriodicSchedule _schedule;
        private readonly bool _enabled;
        private readonly SemaphoreSlim _passed = new(0);
        private readonly SemaphoreSlim _paused = new(0);
        private TaskCompletionSource _wakeUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _passes;
        private int _stopped;

        public TestWorker(FakeTimeProvider clock, PeriodicSchedule schedule, bool enabled = true)
            : this(clock, schedule, enabled, new ListLogger())
        {
        }

        private TestWorker(FakeTimeProvider clock, PeriodicSchedule schedule, bool enabled, ListLogger logger)
            : base(clock, logger)
        {
            _schedule = schedule;
            _enabled = enabled;
            Logger = logger;
        }

        public Func<int, CancellationToken, Task> Pass { get; init; } = (_, _) => Task.CompletedTask;

        public double Random { get; init; }

        public int Passes => Volatile.Read(ref _passes);

        public int Stopped => Volatile.Read(ref _stopped);

        /// <summary>What the stop hook awaits after counting itself (the lease release, in the real workers).</summary>
        public Func<Task> StopHook { get; init; } = () => Task.CompletedTask;

        /// <summary>What the base class logged.</summary>
        public ListLogger Logger { get; }

        protected override PeriodicSchedule Schedule => _schedule;

        protected override bool IsEnabled => _enabled;

        protected override double NextRandom() => Random;

        public void WakeUp() => _wakeUp.TrySetResult();

        /// <summary>Waits (real time) until pass number <paramref name="number"/> has finished.</summary>
        public async Task NextPassAsync(int number)
        {
            (await _passed.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue($"pass {number} did not run");
            Passes.ShouldBe(number);
        }

        /// <summary>Waits (real time) until the worker has started a pause (its timer is set on the fake clock).</summary>
        public async Task PausedAsync() =>
            (await _paused.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue("the worker did not pause");

        protected override async Task RunPassAsync(CancellationToken cancellationToken)
        {
            var number = Interlocked.Increment(ref _passes);
            try
            {
                await Pass(number, cancellationToken);
            }
            finally
            {
                _passed.Release();
            }
        }

        protected override Task WaitForWakeUpAsync(CancellationToken cancellationToken)
        {
            var wakeUp = _wakeUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _paused.Release();
            return wakeUp.Task.WaitAsync(cancellationToken);
        }

        protected override Task OnStoppedAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _stopped);
            return StopHook();
        }

        public override void Dispose()
        {
            base.Dispose();
            _passed.Dispose();
            _paused.Dispose();
        }
    }

    private sealed class ListLogger : ILogger
    {
        /// <summary>The exceptions logged at Error level or above.</summary>
        public List<Exception> Errors { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null)
            {
                lock (Errors)
                {
                    Errors.Add(exception);
                }
            }
        }
    }
}
