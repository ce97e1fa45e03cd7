using Microsoft.Extensions.Time.Testing;
using RunnerTokens.Application.Identity;

namespace RunnerTokens.Application.Tests.Identity;

public sealed class SecurityEventThrottleTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));

    [Test]
    public void One_event_per_type_issuer_and_subject_per_window()
    {
        var throttle = new SecurityEventThrottle(_clock);

        throttle.ShouldRecord("principal.unknown", "https://issuer", "mallory").ShouldBeTrue();
        throttle.ShouldRecord("principal.unknown", "https://issuer", "mallory").ShouldBeFalse();
        _clock.Advance(SecurityEventThrottle.Window - TimeSpan.FromSeconds(1));
        throttle.ShouldRecord("principal.unknown", "https://issuer", "mallory").ShouldBeFalse();
        _clock.Advance(TimeSpan.FromSeconds(1));
        throttle.ShouldRecord("principal.unknown", "https://issuer", "mallory").ShouldBeTrue();
    }

    [Test]
    public void Different_types_issuers_and_subjects_are_limited_separately()
    {
        var throttle = new SecurityEventThrottle(_clock);

        throttle.ShouldRecord("principal.unknown", "https://issuer", "mallory").ShouldBeTrue();
        throttle.ShouldRecord("principal.deactivated", "https://issuer", "mallory").ShouldBeTrue();
        throttle.ShouldRecord("principal.unknown", "https://other", "mallory").ShouldBeTrue();
        throttle.ShouldRecord("principal.unknown", "https://issuer", "eve").ShouldBeTrue();
    }

    [Test]
    public void A_flood_of_distinct_subjects_does_not_grow_memory_without_bound_and_still_records()
    {
        var throttle = new SecurityEventThrottle(_clock);

        for (var i = 0; i < 25_000; i++)
        {
            throttle.ShouldRecord("principal.unknown", "https://issuer", $"s{i}").ShouldBeTrue();
        }

        throttle.ShouldRecord("principal.unknown", "https://issuer", "fresh").ShouldBeTrue();
    }
}
