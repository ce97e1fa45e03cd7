using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RunnerTokens.Infrastructure.GitHub.Auth;
using RunnerTokens.Infrastructure.Tests.GitHub.Support;
using WireMock.RequestBuilders;

namespace RunnerTokens.Infrastructure.Tests.GitHub;

/// <summary>The installation-token cache through the real client against WireMock, under a fake clock.</summary>
public sealed class InstallationTokenCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private GitHubWireMock _github = null!;
    private FakeTimeProvider _time = null!;
    private GitHubTestHost _host = null!;

    [SetUp]
    public void SetUp()
    {
        _github = new GitHubWireMock();
        _time = new FakeTimeProvider(Start);
        _host = GitHubTestHost.Create(GitHubTestHost.GitHubSettings(_github.ApiBaseUrl), _time);
        _github.Server.Given(Request.Create().WithPath($"/orgs/{GitHubTestHost.Org}/actions/runners/5").UsingGet())
            .RespondWith(GitHubWireMock.FixtureResponse(200, "get-runner.200.json"));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _github.Dispose();
    }

    private InstallationTokenCache Cache => _host.Services.GetRequiredService<InstallationTokenCache>();

    [Test]
    public async Task A_hundred_concurrent_callers_cause_one_mint()
    {
        _github.StubInstallationToken("2026-01-01T01:00:00Z", delay: TimeSpan.FromMilliseconds(300));

        var results = await Task.WhenAll(Enumerable.Range(0, 100)
            .Select(_ => Task.Run(() => _host.Runners.GetRunnerAsync(GitHubTestHost.Org, 5, CancellationToken.None))));

        results.ShouldAllBe(r => r.IsSuccess);
        _github.Requests("POST", "/app/installations/1/access_tokens").Count.ShouldBe(1);
        _github.Requests("GET", $"/orgs/{GitHubTestHost.Org}/actions/runners/5").Count.ShouldBe(100);
    }

    [Test]
    public async Task The_token_is_cached_until_five_minutes_before_it_expires()
    {
        _github.StubInstallationToken("2026-01-01T01:00:00Z");

        var first = await Cache.GetAsync(1, InstallationTokenScope.Runners, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(54));
        var cached = await Cache.GetAsync(1, InstallationTokenScope.Runners, CancellationToken.None);

        cached.Value.ShouldBeSameAs(first.Value);
        _github.Requests("POST", "/app/installations/1/access_tokens").Count.ShouldBe(1);

        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await Cache.GetAsync(1, InstallationTokenScope.Runners, CancellationToken.None)).IsSuccess.ShouldBeTrue();

        _github.Requests("POST", "/app/installations/1/access_tokens").Count.ShouldBe(2, "refreshed once less than five minutes remained");
    }

    [Test]
    public async Task A_401_drops_the_cached_token_and_mints_exactly_once_more()
    {
        _github.StubInstallationToken("2026-01-01T01:00:00Z");
        var token = (await Cache.GetAsync(1, InstallationTokenScope.Runners, CancellationToken.None)).Value;

        // Many callers saw the same refused token; only the first invalidation counts.
        for (var i = 0; i < 5; i++)
        {
            Cache.Invalidate(1, InstallationTokenScope.Runners, token);
        }

        var again = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Cache.GetAsync(1, InstallationTokenScope.Runners, CancellationToken.None)));

        again.ShouldAllBe(r => r.IsSuccess);
        _github.Requests("POST", "/app/installations/1/access_tokens").Count.ShouldBe(2);
    }

    [Test]
    public async Task A_caller_still_holding_the_replaced_token_does_not_drop_its_replacement()
    {
        // WireMock answers every mint with the same token value: the re-mint must be keyed by the token this
        // cache handed out, not by a value nothing promises to be unique.
        _github.StubInstallationToken("2026-01-01T01:00:00Z");
        var revoked = (await Cache.GetAsync(1, InstallationTokenScope.Runners, CancellationToken.None)).Value;

        Cache.Invalidate(1, InstallationTokenScope.Runners, revoked);
        var replacement = (await Cache.GetAsync(1, InstallationTokenScope.Runners, CancellationToken.None)).Value;

        // A slower caller's 401 for the revoked token arrives after the replacement was minted.
        Cache.Invalidate(1, InstallationTokenScope.Runners, revoked);
        var afterwards = await Cache.GetAsync(1, InstallationTokenScope.Runners, CancellationToken.None);

        afterwards.Value.ShouldBeSameAs(replacement);
        _github.Requests("POST", "/app/installations/1/access_tokens").Count.ShouldBe(2, "the first token and exactly one replacement");
    }

    [Test]
    public async Task Scopes_are_minted_and_cached_separately()
    {
        _github.StubInstallationToken("2026-01-01T01:00:00Z");

        await Cache.GetAsync(1, InstallationTokenScope.Runners, CancellationToken.None);
        await Cache.GetAsync(1, InstallationTokenScope.Actions, CancellationToken.None);
        await Cache.GetAsync(1, InstallationTokenScope.Runners, CancellationToken.None);

        var mints = _github.Requests("POST", "/app/installations/1/access_tokens");
        mints.Count.ShouldBe(2);
        mints.Select(m => m.Body).ShouldBe(
        [
            """{"permissions":{"organization_self_hosted_runners":"write"}}""",
            """{"permissions":{"actions":"write"}}""",
        ]);
    }

    [Test]
    public async Task A_failed_mint_is_reported_and_not_cached()
    {
        _github.Server.Given(Request.Create().WithPath("/app/installations/1/access_tokens").UsingPost())
            .RespondWith(GitHubWireMock.Json(404, Fixture.Read("error-not-found.404.json")));

        var failed = await Cache.GetAsync(1, InstallationTokenScope.Runners, CancellationToken.None);
        failed.Failure!.Kind.ShouldBe(RunnerTokens.Application.Common.GitHub.GitHubFailureKind.NotFound);

        _github.Server.Reset();
        _github.StubInstallationToken("2026-01-01T01:00:00Z");
        (await Cache.GetAsync(1, InstallationTokenScope.Runners, CancellationToken.None)).IsSuccess.ShouldBeTrue();
    }
}
