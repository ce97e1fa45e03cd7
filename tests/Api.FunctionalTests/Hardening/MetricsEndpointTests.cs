using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Api.FunctionalTests.Hardening;

/// <summary>
/// <c>/metrics</c>: anonymous on the main port by default (as before); <c>Metrics:Port</c> moves it to a port of
/// its own that serves nothing else; <c>Metrics:RequireAuthorization</c> puts it behind a bearer.
/// </summary>
public sealed class MetricsEndpointTests
{
    private const int MainPort = 8080;
    private const int MetricsPort = 9464;

    [Test]
    public async Task By_default_metrics_are_anonymous_on_the_main_port()
    {
        await using var factory = Factory([]);

        var response = await GetAsync(factory, "/metrics", MainPort);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("# TYPE");
    }

    [Test]
    public async Task With_a_metrics_port_metrics_are_served_there_and_only_there()
    {
        await using var factory = Factory(new() { ["Metrics:Port"] = MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var onMetricsPort = await GetAsync(factory, "/metrics", MetricsPort);
        var onMainPort = await GetAsync(factory, "/metrics", MainPort);
        var apiOnMetricsPort = await GetAsync(factory, "/health/live", MetricsPort);
        var healthOnMainPort = await GetAsync(factory, "/health/live", MainPort);

        onMetricsPort.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await onMetricsPort.Content.ReadAsStringAsync()).ShouldContain("# TYPE");
        onMainPort.StatusCode.ShouldBe(HttpStatusCode.NotFound, "the main port no longer serves metrics");
        apiOnMetricsPort.StatusCode.ShouldBe(HttpStatusCode.NotFound, "the metrics port serves nothing else");
        healthOnMainPort.StatusCode.ShouldBe(HttpStatusCode.OK);
        factory.Services.GetRequiredService<IConfiguration>()["urls"].ShouldNotBeNull().ShouldContain($"http://*:{MetricsPort}");
    }

    [TestCase("0")]
    [TestCase("70000")]
    public async Task A_metrics_port_outside_the_tcp_range_is_refused_at_start(string port)
    {
        await using var factory = Factory(new() { ["Metrics:Port"] = port });

        Should.Throw<Exception>(() => factory.CreateClient()).ToString().ShouldContain("Metrics:Port");
    }

    [Test]
    public async Task With_RequireAuthorization_metrics_need_the_bearer_of_a_known_principal()
    {
        await using var factory = Factory(new() { ["Metrics:RequireAuthorization"] = "true" });
        var user = await factory.SeedUserAsync("scraper-" + Guid.NewGuid().ToString("N")[..8]);

        var anonymous = await factory.CreateClient().GetAsync("/metrics");
        var stranger = await factory.CreateClient(factory.Issuers.Primary.UserToken("nobody-" + Guid.NewGuid().ToString("N")[..8])).GetAsync("/metrics");
        var scraper = await factory.CreateClient(user.Token()).GetAsync("/metrics");

        await anonymous.ShouldBeUnauthorizedAsync("auth.unauthenticated", invalidToken: false);
        stranger.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a valid token of an unknown principal is not enough");
        scraper.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await scraper.Content.ReadAsStringAsync()).ShouldContain("# TYPE");
    }

    private static RunnerTokensApiFactory Factory(Dictionary<string, string?> settings) =>
        new(new ApiFactoryOptions { Settings = settings, ConfigureServices = TestPeerAddress.Register });

    private static async Task<HttpResponseMessage> GetAsync(RunnerTokensApiFactory factory, string path, int localPort)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(TestPeerAddress.LocalPortHeader, localPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await factory.CreateClient().SendAsync(request);
    }
}
