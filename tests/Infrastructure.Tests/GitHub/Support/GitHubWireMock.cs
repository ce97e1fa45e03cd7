using System.Globalization;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace RunnerTokens.Infrastructure.Tests.GitHub.Support;

/// <summary>A WireMock server standing in for api.github.com (or a GHES /api/v3 base) with GitHub's fixtures.</summary>
internal sealed class GitHubWireMock : IDisposable
{
    public const string InstallationToken = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";

    public GitHubWireMock(string basePath = "")
    {
        // Loopback only, by address: "localhost" may try ::1 first and stall the first connection.
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort()}"] });
        BasePath = basePath;
    }

    public WireMockServer Server { get; }

    public string BasePath { get; }

    /// <summary>The API base URL to configure (<c>GitHub:ApiBaseUrl</c>).</summary>
    public string ApiBaseUrl => Server.Url + BasePath;

    /// <summary>Rate-limit headers a GitHub answer carries.</summary>
    public static IResponseBuilder WithRateLimit(IResponseBuilder response, int remaining = 4999, long? resetEpoch = null) =>
        response
            .WithHeader("x-ratelimit-limit", "5000")
            .WithHeader("x-ratelimit-remaining", remaining.ToString(CultureInfo.InvariantCulture))
            .WithHeader("x-ratelimit-reset", (resetEpoch ?? DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture))
            .WithHeader("x-ratelimit-used", (5000 - remaining).ToString(CultureInfo.InvariantCulture))
            .WithHeader("x-ratelimit-resource", "core");

    public static IResponseBuilder Json(int status, string body) =>
        WithRateLimit(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(body));

    public static IResponseBuilder FixtureResponse(int status, string fixture) => Json(status, Fixture.Read(fixture));

    public string P(string path) => BasePath + path;

    /// <summary>Answers installation-token minting for installation 1 with the fixture token.</summary>
    public void StubInstallationToken(string expiresAt = "2099-01-01T00:00:00Z", TimeSpan? delay = null, long installationId = GitHubTestHost.InstallationId)
    {
        var body = Fixture.Read("installation-token.201.json").Replace("2026-01-01T01:00:00Z", expiresAt, StringComparison.Ordinal);
        var response = Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(body);
        if (delay is { } d)
        {
            response = response.WithDelay(d);
        }

        Server.Given(Request.Create().WithPath(P($"/app/installations/{installationId}/access_tokens")).UsingPost()).RespondWith(response);
    }

    /// <summary>Requests received for <paramref name="method"/> and the path under the base.</summary>
    public IReadOnlyList<IRequestMessage> Requests(string method, string path) =>
        [.. Server.LogEntries
            .Select(e => e.RequestMessage!)
            .Where(r => string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase) && string.Equals(r.Path, P(path), StringComparison.Ordinal))];

    public void Dispose() => Server.Stop();

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A runner object in GitHub's shape.</summary>
    public static string RunnerJson(long id, string name, string status = "online", bool busy = false) =>
        $$"""{"id":{{id}},"runner_group_id":1,"name":"{{name}}","os":"linux","status":"{{status}}","busy":{{(busy ? "true" : "false")}},"ephemeral":true,"labels":[{"id":1,"name":"self-hosted","type":"read-only"},{"id":2,"name":"Linux","type":"read-only"},{"id":3,"name":"X64","type":"read-only"},{"id":4,"name":"gpu","type":"custom"}]}""";
}
