using RunnerTokens.Infrastructure.Tests.GitHub.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace RunnerTokens.Infrastructure.Tests.GitHub;

/// <summary>Listing runners again sends the remembered ETag; GitHub's 304 yields the remembered runners.</summary>
public sealed class GitHubConditionalRequestTests
{
    private const string Org = GitHubTestHost.Org;
    private const string ETag = "\"runners-v1\"";
    private GitHubWireMock _github = null!;
    private GitHubTestHost _host = null!;

    [SetUp]
    public void SetUp()
    {
        _github = new GitHubWireMock();
        _github.StubInstallationToken();
        _host = GitHubTestHost.Create(GitHubTestHost.GitHubSettings(_github.ApiBaseUrl));
        var path = _github.P($"/orgs/{Org}/actions/runners");
        _github.Server.Given(Request.Create().WithPath(path).UsingGet().WithHeader("If-None-Match", ETag)).AtPriority(1)
            .RespondWith(GitHubWireMock.WithRateLimit(Response.Create().WithStatusCode(304).WithHeader("ETag", ETag), remaining: 4321));
        _github.Server.Given(Request.Create().WithPath(path).UsingGet()).AtPriority(2)
            .RespondWith(GitHubWireMock.FixtureResponse(200, "list-runners.200.json").WithHeader("ETag", ETag));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _github.Dispose();
    }

    [Test]
    public async Task An_unchanged_listing_is_answered_from_the_remembered_page_after_a_304()
    {
        var first = await _host.Runners.ListRunnersAsync(Org, null, CancellationToken.None);
        var second = await _host.Runners.ListRunnersAsync(Org, null, CancellationToken.None);

        first.IsSuccess.ShouldBeTrue();
        second.IsSuccess.ShouldBeTrue(second.Failure?.Message);
        second.Value.Select(r => r.Id).ShouldBe(first.Value.Select(r => r.Id));
        second.Value[0].Name.ShouldBe("iMac");
        var requests = _github.Requests("GET", $"/orgs/{Org}/actions/runners");
        requests.Count.ShouldBe(2);
        requests[0].Headers!.ContainsKey("If-None-Match").ShouldBeFalse();
        requests[1].Headers!["If-None-Match"].ShouldHaveSingleItem().ShouldBe(ETag);
        _host.RateLimits.GetSnapshot(Org)!.Remaining.ShouldBe(4321, "the 304's rate-limit headers are the fresh ones");
    }

    [Test]
    public async Task A_changed_listing_is_read_in_full()
    {
        (await _host.Runners.ListRunnersAsync(Org, null, CancellationToken.None)).IsSuccess.ShouldBeTrue();
        _github.Server.Reset();
        _github.StubInstallationToken();
        _github.Server.Given(Request.Create().WithPath(_github.P($"/orgs/{Org}/actions/runners")).UsingGet())
            .RespondWith(GitHubWireMock.Json(200, """{"total_count":1,"runners":[{"id":9,"name":"new","os":"linux","status":"online","busy":false,"labels":[]}]}""")
                .WithHeader("ETag", "\"runners-v2\""));

        var changed = await _host.Runners.ListRunnersAsync(Org, null, CancellationToken.None);

        changed.Value.Select(r => r.Id).ShouldBe([9L]);
    }
}
