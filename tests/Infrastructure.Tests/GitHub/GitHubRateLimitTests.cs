using System.Diagnostics.Metrics;
using RunnerTokens.Infrastructure.GitHub;
using RunnerTokens.Infrastructure.Tests.GitHub.Support;
using WireMock.RequestBuilders;

namespace RunnerTokens.Infrastructure.Tests.GitHub;

/// <summary>Rate-limit headers become snapshots, a "should I yield?" answer and metrics.</summary>
public sealed class GitHubRateLimitTests
{
    private GitHubWireMock _github = null!;

    [SetUp]
    public void SetUp()
    {
        _github = new GitHubWireMock();
        _github.StubInstallationToken();
    }

    [TearDown]
    public void TearDown() => _github.Dispose();

    [Test]
    public async Task Headers_become_a_snapshot_and_background_work_yields_below_the_reserve()
    {
        var settings = GitHubTestHost.GitHubSettings(_github.ApiBaseUrl);
        settings["GitHub:RateLimitReserve"] = "500";
        await using var host = GitHubTestHost.Create(settings);
        var reset = DateTimeOffset.UtcNow.AddMinutes(20).ToUnixTimeSeconds();
        _github.Server.Given(Request.Create().WithPath("/orgs/octo-org/actions/runners/5").UsingGet())
            .RespondWith(GitHubWireMock.WithRateLimit(
                WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Fixture.Read("get-runner.200.json")),
                remaining: 499,
                resetEpoch: reset));

        host.RateLimits.ShouldYield("octo-org", out _).ShouldBeFalse("nothing is known before the first call");
        (await host.Runners.GetRunnerAsync("octo-org", 5, CancellationToken.None)).IsSuccess.ShouldBeTrue();

        var snapshot = host.RateLimits.GetSnapshot("OCTO-ORG").ShouldNotBeNull();
        snapshot.ShouldBeEquivalentTo(snapshot with { Organization = "octo-org", InstallationId = 1, Limit = 5000, Remaining = 499, ResetAt = DateTimeOffset.FromUnixTimeSeconds(reset) });
        host.RateLimits.ShouldYield("octo-org", out var retryAfter).ShouldBeTrue();
        retryAfter.ShouldBeInRange(TimeSpan.FromMinutes(18), TimeSpan.FromMinutes(20));
        host.RateLimits.GetSnapshots().ShouldHaveSingleItem();
    }

    [Test]
    public async Task Above_the_reserve_background_work_goes_on()
    {
        await using var host = GitHubTestHost.Create(GitHubTestHost.GitHubSettings(_github.ApiBaseUrl));
        _github.Server.Given(Request.Create().WithPath("/orgs/octo-org/actions/runners/5").UsingGet())
            .RespondWith(GitHubWireMock.FixtureResponse(200, "get-runner.200.json"));

        (await host.Runners.GetRunnerAsync("octo-org", 5, CancellationToken.None)).IsSuccess.ShouldBeTrue();

        host.RateLimits.GetSnapshot("octo-org")!.Remaining.ShouldBe(4999);
        host.RateLimits.ShouldYield("octo-org", out _).ShouldBeFalse();
    }

    [Test]
    public async Task Calls_and_the_remaining_budget_are_measured()
    {
        await using var host = GitHubTestHost.Create(GitHubTestHost.GitHubSettings(_github.ApiBaseUrl));
        _github.Server.Given(Request.Create().WithPath("/orgs/octo-org/actions/runners/5").UsingGet())
            .RespondWith(GitHubWireMock.FixtureResponse(200, "get-runner.200.json"));
        _github.Server.Given(Request.Create().WithPath("/orgs/octo-org/actions/runners/6").UsingGet())
            .RespondWith(GitHubWireMock.FixtureResponse(404, "error-not-found.404.json"));
        var calls = new List<(long Value, Dictionary<string, object?> Tags)>();
        var gauges = new List<(int Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GitHubMetrics.MeterName && instrument.Name.StartsWith("runnertokens.github.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (calls)
            {
                calls.Add((value, Tags(tags)));
            }
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => gauges.Add((value, Tags(tags))));
        listener.Start();

        await host.Runners.GetRunnerAsync("octo-org", 5, CancellationToken.None);
        await host.Runners.GetRunnerAsync("octo-org", 6, CancellationToken.None);
        listener.RecordObservableInstruments();

        lock (calls)
        {
            calls.ShouldContain(c => Equals(c.Tags["endpoint"], "get-runner") && Equals(c.Tags["outcome"], "success"));
            calls.ShouldContain(c => Equals(c.Tags["endpoint"], "get-runner") && Equals(c.Tags["outcome"], "not_found"));
            calls.ShouldContain(c => Equals(c.Tags["endpoint"], "installation-token") && Equals(c.Tags["outcome"], "success"));
        }

        var gauge = gauges.ShouldHaveSingleItem();
        gauge.Value.ShouldBe(4999);
        gauge.Tags["org"].ShouldBe("octo-org");
        gauge.Tags["installation"].ShouldBe(1L);
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }
}
