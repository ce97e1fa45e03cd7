using Microsoft.Extensions.Time.Testing;
using RunnerTokens.Application.Common.Auditing;

namespace RunnerTokens.Application.Tests.Common.Auditing;

/// <summary>One event per key and window, in a bounded memory: the least recently seen key is forgotten first.</summary>
public sealed class SecurityEventThrottleTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));

    [Test]
    public void A_key_records_once_per_window()
    {
        var throttle = new SecurityEventThrottle(_clock);

        throttle.ShouldRecord("k", Window).ShouldBeTrue();
        throttle.ShouldRecord("k", Window).ShouldBeFalse();
        _clock.Advance(Window - TimeSpan.FromSeconds(1));
        throttle.ShouldRecord("k", Window).ShouldBeFalse();
        _clock.Advance(TimeSpan.FromSeconds(1));
        throttle.ShouldRecord("k", Window).ShouldBeTrue();
    }

    [Test]
    public void A_flood_of_distinct_fresh_keys_never_holds_more_than_the_capacity()
    {
        var throttle = new SecurityEventThrottle(_clock, capacity: 100);

        for (var i = 0; i < 10_000; i++)
        {
            throttle.ShouldRecord($"ip:{i}", Window);
        }

        throttle.Count.ShouldBe(100);
    }

    [Test]
    public void The_least_recently_seen_key_is_forgotten_first()
    {
        var throttle = new SecurityEventThrottle(_clock, capacity: 2);
        throttle.ShouldRecord("old", Window).ShouldBeTrue();
        throttle.ShouldRecord("busy", Window).ShouldBeTrue();
        throttle.ShouldRecord("old", Window).ShouldBeFalse(); // seen again: now the most recent

        throttle.ShouldRecord("new", Window).ShouldBeTrue(); // evicts "busy", the least recently seen

        throttle.ShouldRecord("old", Window).ShouldBeFalse("a key still in use is remembered");
        throttle.ShouldRecord("busy", Window).ShouldBeTrue("the evicted key starts over");
    }

    [Test]
    public async Task Parallel_callers_record_a_key_once()
    {
        var throttle = new SecurityEventThrottle(_clock, capacity: 10);
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => throttle.ShouldRecord("k", Window))));

        results.Count(recorded => recorded).ShouldBe(1);
    }
}
