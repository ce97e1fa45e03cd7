using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Api.FunctionalTests.Webhooks;

namespace RunnerTokens.Api.FunctionalTests.Hardening;

/// <summary>
/// Behind a proxy: <c>X-Forwarded-For</c> is believed from the configured proxies only (the address security
/// events record), never from anyone, and bad webhook signatures are throttled globally whatever their source.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Secret = "forwarded-headers-secret-0123456789abcdef";
    private const string Proxy = "10.0.0.5";
    private const string Client = "203.0.113.7";

    [Test]
    public async Task The_client_address_comes_from_X_Forwarded_For_when_a_known_proxy_sends_it()
    {
        await using var factory = Factory(new() { ["ForwardedHeaders:KnownProxies:0"] = Proxy });

        await PostBadSignatureAsync(factory, peer: Proxy, forwardedFor: Client);

        (await RecordedClientIpsAsync(factory)).ShouldBe([Client]);
    }

    [Test]
    public async Task A_known_network_is_trusted_like_a_known_proxy()
    {
        await using var factory = Factory(new() { ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/24" });

        await PostBadSignatureAsync(factory, peer: "10.0.0.77", forwardedFor: Client);

        (await RecordedClientIpsAsync(factory)).ShouldBe([Client]);
    }

    [Test]
    public async Task X_Forwarded_For_from_anyone_else_is_ignored()
    {
        await using var factory = Factory(new() { ["ForwardedHeaders:KnownProxies:0"] = Proxy });

        await PostBadSignatureAsync(factory, peer: "198.51.100.9", forwardedFor: Client);

        (await RecordedClientIpsAsync(factory)).ShouldBe(["198.51.100.9"]);
    }

    [Test]
    public async Task Without_configured_proxies_X_Forwarded_For_is_ignored_even_from_loopback()
    {
        await using var factory = Factory([]);

        await PostBadSignatureAsync(factory, peer: "127.0.0.1", forwardedFor: Client);

        (await RecordedClientIpsAsync(factory)).ShouldBe(["127.0.0.1"]);
    }

    [TestCase("ForwardedHeaders:KnownNetworks:0", "0.0.0.0/0", "trusts every sender")]
    [TestCase("ForwardedHeaders:KnownNetworks:0", "::/0", "trusts every sender")]
    [TestCase("ForwardedHeaders:KnownProxies:0", "proxy.internal", "is not an IP address")]
    [TestCase("FORWARDEDHEADERS_ENABLED", "true", "ForwardedHeaders:KnownProxies")]
    public async Task Trusting_every_sender_is_refused_at_start(string key, string value, string expected)
    {
        await using var factory = Factory(new() { [key] = value });

        var exception = Should.Throw<Exception>(() => factory.CreateClient());

        (exception.ToString()).ShouldContain(expected);
    }

    [Test]
    public async Task Bad_signatures_from_many_sources_make_one_security_event_per_window()
    {
        await using var factory = Factory([]);

        foreach (var peer in new[] { "2001:db8::1", "2001:db8::2", "2001:db8::3", "198.51.100.20" })
        {
            await PostBadSignatureAsync(factory, peer, forwardedFor: null);
        }

        (await RecordedClientIpsAsync(factory)).Count.ShouldBe(1, "an attacker choosing source addresses must not choose the number of rows");
    }

    private static RunnerTokensApiFactory Factory(Dictionary<string, string?> settings)
    {
        settings["GitHub:WebhookSecret"] = Secret;
        settings["Sync:Enabled"] = "false";
        return new RunnerTokensApiFactory(new ApiFactoryOptions { Settings = settings, ConfigureServices = TestPeerAddress.Register });
    }

    private static async Task PostBadSignatureAsync(RunnerTokensApiFactory factory, string peer, string? forwardedFor)
    {
        var body = GitHubWebhook.WorkflowJob("queued", null, null, "acme", Random.Shared.NextInt64(1, long.MaxValue));
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, GitHubWebhook.Path) { Content = content };
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-GitHub-Event", "workflow_job");
        request.Headers.Add("X-Hub-Signature-256", GitHubWebhook.Signature("not-the-secret", body));
        request.Headers.Add(TestPeerAddress.Header, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        var response = await factory.CreateClient().SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static Task<List<string?>> RecordedClientIpsAsync(RunnerTokensApiFactory factory) =>
        factory.WithDbAsync(db => db.SecurityEvents.AsNoTracking()
            .Where(e => e.Type == "webhook.invalid_signature")
            .Select(e => e.ClientIp)
            .ToListAsync());
}
