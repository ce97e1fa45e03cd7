using System.Net;
using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Api.FunctionalTests.RateLimiting;

/// <summary>Each caller has its own token bucket; an empty bucket gives a 429 problem with Retry-After.</summary>
public sealed class PerCallerRateLimitTests : FunctionalTestBase
{
    protected override ApiFactoryOptions FactoryOptions => new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:TokenLimit"] = "3",
            ["RateLimiting:TokensPerPeriod"] = "1",
            ["RateLimiting:ReplenishmentPeriod"] = "01:00:00",
        },
    };

    [Test]
    public async Task A_caller_past_its_budget_gets_429_with_retry_after_while_others_are_served()
    {
        var greedy = await Factory.SeedUserAsync(Unique("greedy"));
        var other = await Factory.SeedUserAsync(Unique("other"));
        var client = ClientFor(greedy);
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var limited = await client.GetAsync("/api/v1/me");

        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "request.rate_limited");
        var retryAfter = limited.Headers.RetryAfter.ShouldNotBeNull();
        retryAfter.Delta.ShouldNotBeNull().ShouldBeGreaterThan(TimeSpan.Zero);
        (await ClientFor(other).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Health_and_metrics_are_never_limited()
    {
        var anonymous = Anonymous();
        for (var i = 0; i < 6; i++)
        {
            (await anonymous.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }
}
