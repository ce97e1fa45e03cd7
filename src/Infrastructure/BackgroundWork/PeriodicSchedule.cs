namespace RunnerTokens.Infrastructure.BackgroundWork;

/// <summary>When a <see cref="PeriodicWorker"/> runs its passes.</summary>
/// <param name="Interval">The pause between the end of one pass and the start of the next.</param>
/// <param name="Jitter">
/// Up to this fraction of <paramref name="Interval"/> is added at random to each pause (0 to 1), so that
/// replicas started together do not keep hitting the database in the same instant.
/// </param>
/// <param name="StartDelay">The pause before the first pass (zero: at once).</param>
internal sealed record PeriodicSchedule(TimeSpan Interval, double Jitter = PeriodicSchedule.DefaultJitter, TimeSpan StartDelay = default)
{
    public const double DefaultJitter = 0.2;

    /// <summary>The next pause: the interval plus a random share (<paramref name="random"/> in [0, 1)) of the jitter.</summary>
    public TimeSpan NextPause(double random) =>
        Interval + TimeSpan.FromTicks((long)(Interval.Ticks * Math.Clamp(Jitter, 0, 1) * Math.Clamp(random, 0, 1)));
}
