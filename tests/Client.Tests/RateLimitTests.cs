using System.Net;

namespace RunnerTokens.Client.Tests;

/// <summary>The real rate limiter's 429 and Retry-After through the client: waited for when short, reported when long.</summary>
[NonParallelizable]
public sealed class RateLimitTests
{
    [Test]
    public async Task A_short_retry_after_is_waited_for_and_the_read_succeeds()
    {
        await using var host = OneRequestPer(TimeSpan.FromSeconds(1));
        var client = host.Client(LoopbackHost.AdminToken);

        await client.GetCurrentPrincipalAsync();
        var second = await client.GetCurrentPrincipalAsync();

        second.IsAdmin.ShouldBeTrue();
    }

    [Test]
    public async Task A_long_retry_after_is_a_typed_429_with_its_delay()
    {
        await using var host = OneRequestPer(TimeSpan.FromHours(1));
        var client = host.Client(LoopbackHost.AdminToken);
        await client.GetCurrentPrincipalAsync();

        var limited = await Should.ThrowAsync<RunnerTokensProblemException>(() => client.GetCurrentPrincipalAsync());

        limited.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.ErrorCode.ShouldBe("request.rate_limited");
        limited.RetryAfter.ShouldNotBeNull().ShouldBeGreaterThan(TimeSpan.FromMinutes(30));
    }

    /// <summary>The host with a bucket of one request, refilled once per <paramref name="period"/>.</summary>
    private static LoopbackHost OneRequestPer(TimeSpan period) => LoopbackHost.Start(new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:TokenLimit"] = "1",
        ["RateLimiting:TokensPerPeriod"] = "1",
        ["RateLimiting:ReplenishmentPeriod"] = period.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    });
}
