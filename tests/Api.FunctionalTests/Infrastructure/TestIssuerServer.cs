using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RunnerTokens.Api.FunctionalTests.Infrastructure;

/// <summary>
/// One Kestrel server on 127.0.0.1 (random port) serving every test issuer under its own path:
/// <c>http://127.0.0.1:PORT/{name}/.well-known/openid-configuration</c> and <c>.../{name}/jwks</c>.
/// Started once per test run (<see cref="Shared"/>) and stopped by <see cref="TestRunSetUp"/>.
/// </summary>
public sealed class TestIssuerServer : IAsyncDisposable
{
    private static readonly Lazy<TestIssuerServer> Instance = new(() => StartAsync().GetAwaiter().GetResult());
    private readonly WebApplication _app;
    private readonly Dictionary<string, TestIssuer> _issuers;

    private TestIssuerServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        TestIssuer Make(string name, string audience) => new(name, $"{baseUrl}/{name}", audience);
        Primary = Make("primary", "runnertokens-api");
        Secondary = Make("secondary", "api://runnertokens");
        GitHubActions = Make("github-actions", "https://github.com/acme");
        Untrusted = Make("untrusted", "runnertokens-api");
        _issuers = new[] { Primary, Secondary, GitHubActions, Untrusted }.ToDictionary(i => i.Name, StringComparer.Ordinal);
    }

    /// <summary>The server for this test run, started on first use.</summary>
    public static TestIssuerServer Shared => Instance.Value;

    internal static bool IsStarted => Instance.IsValueCreated;

    public string BaseUrl { get; }

    /// <summary>A people issuer (think Keycloak/Okta): the one most tests use.</summary>
    public TestIssuer Primary { get; }

    /// <summary>A second trusted issuer, to prove several issuers work side by side.</summary>
    public TestIssuer Secondary { get; }

    /// <summary>Stands in for <c>https://token.actions.githubusercontent.com</c>; mint with <see cref="TestIssuer.GitHubActionsToken"/>.</summary>
    public TestIssuer GitHubActions { get; }

    /// <summary>Served and signing correctly, but never configured in the API: its tokens must get 401.</summary>
    public TestIssuer Untrusted { get; }

    /// <summary>The issuers the API trusts by default (see <see cref="RunnerTokensApiFactory"/>).</summary>
    public IReadOnlyList<TestIssuer> Trusted => [Primary, Secondary, GitHubActions];

    private static async Task<TestIssuerServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        TestIssuerServer? server = null;
        app.MapGet("/{issuer}/.well-known/openid-configuration", (string issuer) =>
            server!._issuers.TryGetValue(issuer, out var found) ? Results.Json(found.DiscoveryDocument()) : Results.NotFound());
        app.MapGet("/{issuer}/jwks", (string issuer) =>
            server!._issuers.TryGetValue(issuer, out var found) ? Results.Json(found.Jwks()) : Results.NotFound());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new TestIssuerServer(app, address.TrimEnd('/'));
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
