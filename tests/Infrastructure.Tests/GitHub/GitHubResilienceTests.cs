using Microsoft.Extensions.Time.Testing;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Infrastructure.Tests.GitHub.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace RunnerTokens.Infrastructure.Tests.GitHub;

/// <summary>Retries, waits, timeouts and the per-organization circuit breaker, through the real client.</summary>
public sealed class GitHubResilienceTests
{
    private const string Org = GitHubTestHost.Org;
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
    public async Task A_503_on_GET_is_retried()
    {
        await using var host = Host();
        Sequence("GET", $"/orgs/{Org}/actions/runners/5", GitHubWireMock.FixtureResponse(503, "error-server.503.json"), GitHubWireMock.FixtureResponse(200, "get-runner.200.json"));

        var result = await host.Runners.GetRunnerAsync(Org, 5, CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        _github.Requests("GET", $"/orgs/{Org}/actions/runners/5").Count.ShouldBe(2);
    }

    [Test]
    public async Task A_503_on_DELETE_is_retried_and_gives_up_after_the_configured_attempts()
    {
        await using var host = Host(("GitHub:Resilience:MaxRetryAttempts", "2"));
        Given("DELETE", $"/orgs/{Org}/actions/runners/5", GitHubWireMock.FixtureResponse(503, "error-server.503.json"));

        var result = await host.Runners.DeleteRunnerAsync(Org, 5, CancellationToken.None);

        result.Failure!.Kind.ShouldBe(GitHubFailureKind.Unavailable);
        _github.Requests("DELETE", $"/orgs/{Org}/actions/runners/5").Count.ShouldBe(3);
    }

    [Test]
    public async Task A_503_on_registration_token_is_not_resent()
    {
        await using var host = Host();
        Given("POST", $"/orgs/{Org}/actions/runners/registration-token", GitHubWireMock.FixtureResponse(503, "error-server.503.json"));

        var result = await host.Runners.CreateRegistrationTokenAsync(Org, CancellationToken.None);

        result.Failure!.Kind.ShouldBe(GitHubFailureKind.Unavailable);
        result.Failure.Ambiguous.ShouldBeTrue();
        _github.Requests("POST", $"/orgs/{Org}/actions/runners/registration-token").Count.ShouldBe(1);
    }

    [Test]
    public async Task A_429_with_retry_after_is_waited_for_then_retried()
    {
        await using var host = Host();
        Sequence(
            "GET",
            $"/orgs/{Org}/actions/runners/5",
            GitHubWireMock.FixtureResponse(429, "error-secondary-rate-limit.429.json").WithHeader("retry-after", "1"),
            GitHubWireMock.FixtureResponse(200, "get-runner.200.json"));

        var result = await host.Runners.GetRunnerAsync(Org, 5, CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        _github.Requests("GET", $"/orgs/{Org}/actions/runners/5").Count.ShouldBe(2);
        host.Logs.Lines.ShouldContain(l => l.Contains("(429); retry 1 in 1000 ms", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_primary_rate_limit_resetting_soon_is_waited_for_then_retried()
    {
        await using var host = Host();
        var reset = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds();
        Sequence(
            "GET",
            $"/orgs/{Org}/actions/runners/5",
            GitHubWireMock.WithRateLimit(Response.Create().WithStatusCode(403).WithBody(Fixture.Read("error-rate-limit.403.json")), remaining: 0, resetEpoch: reset),
            GitHubWireMock.FixtureResponse(200, "get-runner.200.json"));

        var result = await host.Runners.GetRunnerAsync(Org, 5, CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        _github.Requests("GET", $"/orgs/{Org}/actions/runners/5").Count.ShouldBe(2);
        host.Logs.Lines.ShouldContain(l => l.Contains("(403); retry 1 in", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_retry_after_longer_than_MaxRetryWait_is_returned_not_slept()
    {
        await using var host = Host(("GitHub:Resilience:MaxRetryWait", "00:00:05"));
        Given("GET", $"/orgs/{Org}/actions/runners/5", GitHubWireMock.FixtureResponse(429, "error-secondary-rate-limit.429.json").WithHeader("retry-after", "60"));

        var result = await host.Runners.GetRunnerAsync(Org, 5, CancellationToken.None);

        result.Failure!.Kind.ShouldBe(GitHubFailureKind.RateLimited);
        result.Failure.RetryAfter.ShouldBe(TimeSpan.FromSeconds(60));
        _github.Requests("GET", $"/orgs/{Org}/actions/runners/5").Count.ShouldBe(1);
    }

    [Test]
    public async Task Generate_jitconfig_is_not_resent_after_a_timeout_and_the_runner_found_by_name_is_deleted()
    {
        // A fake clock, advanced once GitHub holds the POST: only that attempt times out, however slow the machine
        // (with a short real timeout, a slow lookup or delete would be resent too and counted twice).
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = Host(time);
        var posted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _github.Server.Given(Request.Create().WithPath($"/orgs/{Org}/actions/runners/generate-jitconfig").UsingPost().WithBody((string? body) =>
            {
                if (body?.Contains("\"iMac\"", StringComparison.Ordinal) == true)
                {
                    posted.TrySetResult();
                }

                return true;
            }))
            .RespondWith(GitHubWireMock.FixtureResponse(201, "generate-jitconfig.201.json").WithDelay(TimeSpan.FromSeconds(1.5)));
        _github.Server.Given(Request.Create().WithPath($"/orgs/{Org}/actions/runners").UsingGet().WithParam("name", "iMac"))
            .RespondWith(GitHubWireMock.Json(200, $$"""{"total_count":1,"runners":[{{GitHubWireMock.RunnerJson(5, "iMac", "offline")}}]}"""));
        Given("DELETE", $"/orgs/{Org}/actions/runners/5", Response.Create().WithStatusCode(204));

        var call = host.Runners.GenerateJitConfigAsync(Org, "iMac", ["gpu"], 1, null, CancellationToken.None);
        await posted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromMinutes(1)); // GitHubTestHost's AttemptTimeout
        var result = await call;

        result.Failure!.Kind.ShouldBe(GitHubFailureKind.Unavailable);
        result.Failure.Ambiguous.ShouldBeTrue();
        result.Failure.Message.ShouldContain("was deleted");
        var lookup = _github.Requests("GET", $"/orgs/{Org}/actions/runners").ShouldHaveSingleItem();
        GitHubClientContractTests.Query(lookup)["name"].ShouldBe("iMac");
        _github.Requests("DELETE", $"/orgs/{Org}/actions/runners/5").Count.ShouldBe(1);
        var calls = _github.Server.LogEntries.Select(e => e.RequestMessage!.Method + " " + e.RequestMessage.Path).ToList();
        calls.IndexOf($"GET /orgs/{Org}/actions/runners").ShouldBeLessThan(calls.IndexOf($"DELETE /orgs/{Org}/actions/runners/5"), "looked up before anything else");

        // WireMock logs a request once it has answered it, after its delay.
        await WaitUntilAsync(() => _github.Requests("POST", $"/orgs/{Org}/actions/runners/generate-jitconfig").Count > 0);
        _github.Requests("POST", $"/orgs/{Org}/actions/runners/generate-jitconfig").Count.ShouldBe(1, "never resent blindly");
    }

    [TestCase("other")]
    [TestCase("gpu,extra")]
    public async Task After_a_lost_answer_a_same_named_runner_with_other_labels_is_not_deleted(string labelsAtGitHub)
    {
        await using var host = Host();
        Given("POST", $"/orgs/{Org}/actions/runners/generate-jitconfig", Response.Create().WithFault(FaultType.EMPTY_RESPONSE));
        var custom = string.Join(",", labelsAtGitHub.Split(',').Select((l, i) => $$"""{"id":{{10 + i}},"name":"{{l}}","type":"custom"}"""));
        Given("GET", $"/orgs/{Org}/actions/runners", GitHubWireMock.Json(200,
            $$"""{"total_count":1,"runners":[{"id":5,"runner_group_id":1,"name":"iMac","os":"linux","status":"online","busy":false,"ephemeral":true,"labels":[{"id":1,"name":"self-hosted","type":"read-only"},{{custom}}]}]}"""));
        Given("DELETE", $"/orgs/{Org}/actions/runners/5", Response.Create().WithStatusCode(204));

        var result = await host.Runners.GenerateJitConfigAsync(Org, "iMac", ["gpu"], 1, null, CancellationToken.None);

        result.Failure!.Ambiguous.ShouldBeFalse();
        result.Failure.Message.ShouldContain("left alone");
        _github.Requests("DELETE", $"/orgs/{Org}/actions/runners/5").ShouldBeEmpty();
    }

    [Test]
    public async Task Generate_jitconfig_after_a_connection_reset_reports_the_failure_when_no_runner_was_created()
    {
        await using var host = Host();
        Given("POST", $"/orgs/{Org}/actions/runners/generate-jitconfig", Response.Create().WithFault(FaultType.EMPTY_RESPONSE));
        Given("GET", $"/orgs/{Org}/actions/runners", GitHubWireMock.Json(200, """{"total_count":0,"runners":[]}"""));

        var result = await host.Runners.GenerateJitConfigAsync(Org, "iMac", ["gpu"], 1, null, CancellationToken.None);

        result.Failure!.Kind.ShouldBe(GitHubFailureKind.Unavailable);
        result.Failure.Ambiguous.ShouldBeFalse("the lookup settled it: nothing was created");
        _github.Requests("POST", $"/orgs/{Org}/actions/runners/generate-jitconfig").Count.ShouldBe(1);
        _github.Requests("GET", $"/orgs/{Org}/actions/runners").Count.ShouldBe(1);
        _github.Requests("DELETE", $"/orgs/{Org}/actions/runners/5").ShouldBeEmpty();
    }

    [Test]
    public async Task Generate_jitconfig_answered_with_a_502_is_checked_by_name_too()
    {
        await using var host = Host();
        Given("POST", $"/orgs/{Org}/actions/runners/generate-jitconfig", GitHubWireMock.FixtureResponse(502, "error-server.503.json"));
        Given("GET", $"/orgs/{Org}/actions/runners", GitHubWireMock.Json(200, """{"total_count":0,"runners":[]}"""));

        var result = await host.Runners.GenerateJitConfigAsync(Org, "iMac", ["gpu"], 1, null, CancellationToken.None);

        result.Failure!.Kind.ShouldBe(GitHubFailureKind.Unavailable);
        result.Failure.StatusCode.ShouldBe(502);
        _github.Requests("POST", $"/orgs/{Org}/actions/runners/generate-jitconfig").Count.ShouldBe(1);
        _github.Requests("GET", $"/orgs/{Org}/actions/runners").Count.ShouldBe(1);
    }

    [Test]
    public async Task The_circuit_of_one_organization_opens_after_repeated_failures_and_closes_again()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _github.StubInstallationToken(installationId: 2);
        await using var host = Host(
            time,
            ("GitHub:Organizations:1:Name", "other-org"),
            ("GitHub:Organizations:1:InstallationId", "2"),
            ("GitHub:Resilience:BreakerMinimumThroughput", "2"),
            ("GitHub:Resilience:BreakerFailureRatio", "0.5"),
            ("GitHub:Resilience:BreakerBreakDuration", "00:00:30"));
        var path = $"/orgs/{Org}/actions/runners/registration-token";
        Given("POST", path, GitHubWireMock.FixtureResponse(503, "error-server.503.json"));
        Given("POST", "/orgs/other-org/actions/runners/registration-token", GitHubWireMock.FixtureResponse(201, "registration-token.201.json"));

        (await host.Runners.CreateRegistrationTokenAsync(Org, CancellationToken.None)).Failure!.StatusCode.ShouldBe(503);
        (await host.Runners.CreateRegistrationTokenAsync(Org, CancellationToken.None)).Failure!.StatusCode.ShouldBe(503);

        var refused = await host.Runners.CreateRegistrationTokenAsync(Org, CancellationToken.None);
        refused.Failure!.Kind.ShouldBe(GitHubFailureKind.Unavailable);
        refused.Failure.Message.ShouldContain("circuit open");
        refused.Failure.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
        _github.Requests("POST", path).Count.ShouldBe(2, "an open circuit does not call GitHub");
        (await host.Runners.CreateRegistrationTokenAsync("other-org", CancellationToken.None)).IsSuccess.ShouldBeTrue("each organization has its own circuit");

        _github.Server.Reset();
        _github.StubInstallationToken();
        Given("POST", path, GitHubWireMock.FixtureResponse(201, "registration-token.201.json"));
        time.Advance(TimeSpan.FromSeconds(31));

        (await host.Runners.CreateRegistrationTokenAsync(Org, CancellationToken.None)).IsSuccess.ShouldBeTrue("the half-open probe goes through");
        (await host.Runners.CreateRegistrationTokenAsync(Org, CancellationToken.None)).IsSuccess.ShouldBeTrue("and the circuit is closed again");
        _github.Requests("POST", path).Count.ShouldBe(2);
        host.Logs.Lines.ShouldContain(l => l.Contains("circuit org:octo-org opened", StringComparison.Ordinal));
        host.Logs.Lines.ShouldContain(l => l.Contains("circuit org:octo-org closed again", StringComparison.Ordinal));
    }

    [Test]
    public async Task Installation_token_minting_is_retried()
    {
        await using var host = Host();
        _github.Server.Reset();
        Sequence(
            "POST",
            "/app/installations/1/access_tokens",
            GitHubWireMock.FixtureResponse(502, "error-server.503.json"),
            Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(Fixture.Read("installation-token.201.json").Replace("2026-01-01T01:00:00Z", "2099-01-01T00:00:00Z", StringComparison.Ordinal)));
        Given("GET", $"/orgs/{Org}/actions/runners/5", GitHubWireMock.FixtureResponse(200, "get-runner.200.json"));

        (await host.Runners.GetRunnerAsync(Org, 5, CancellationToken.None)).IsSuccess.ShouldBeTrue();

        _github.Requests("POST", "/app/installations/1/access_tokens").Count.ShouldBe(2);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!condition())
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    private GitHubTestHost Host(params (string Key, string Value)[] overrides) => Host(null, overrides);

    private GitHubTestHost Host(TimeProvider? time, params (string Key, string Value)[] overrides)
    {
        var settings = GitHubTestHost.GitHubSettings(_github.ApiBaseUrl);
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return GitHubTestHost.Create(settings, time);
    }

    private void Given(string method, string path, IResponseBuilder response) =>
        _github.Server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(response);

    private void Sequence(string method, string path, params IResponseBuilder[] responses)
    {
        var scenario = Guid.NewGuid().ToString("N");
        for (var i = 0; i < responses.Length; i++)
        {
            var given = _github.Server.Given(Request.Create().WithPath(path).UsingMethod(method)).InScenario(scenario);
            given = i == 0 ? given : given.WhenStateIs($"s{i}");
            if (i < responses.Length - 1)
            {
                given = given.WillSetStateTo($"s{i + 1}");
            }

            given.RespondWith(responses[i]);
        }
    }
}
