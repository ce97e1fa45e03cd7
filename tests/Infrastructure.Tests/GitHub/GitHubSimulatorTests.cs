using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.GitHub.Simulator;
using RunnerTokens.Infrastructure.Tests.GitHub.Support;

namespace RunnerTokens.Infrastructure.Tests.GitHub;

/// <summary>Simulator behaviour beyond the shared contract: time, control API, faults, limits, auth.</summary>
public sealed class GitHubSimulatorTests
{
    private const string Org = GitHubTestHost.Org;

    [Test]
    public async Task A_JIT_runner_comes_online_after_the_configured_delay()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        await using var host = GitHubTestHost.Create(GitHubTestHost.SimulatorSettings(), time);

        var created = await host.Runners.GenerateJitConfigAsync(Org, "jit-1", ["gpu"], 1, null, CancellationToken.None);
        var id = created.Value.Runner.Id;

        time.Advance(TimeSpan.FromSeconds(4));
        (await host.Runners.GetRunnerAsync(Org, id, CancellationToken.None)).Value.Status.ShouldBe("offline");
        time.Advance(TimeSpan.FromSeconds(1));
        (await host.Runners.GetRunnerAsync(Org, id, CancellationToken.None)).Value.Status.ShouldBe("online");
    }

    [Test]
    public async Task Runners_turn_busy_idle_offline_and_are_relabelled_and_removed_through_the_control_API()
    {
        await using var host = GitHubTestHost.Create(GitHubTestHost.SimulatorSettings());
        var simulator = host.Simulator;
        var id = simulator.AddRunner(Org, "worker", ["gpu"]).Id;

        simulator.SetBusy(Org, id, true);
        (await host.Runners.GetRunnerAsync(Org, id, CancellationToken.None)).Value.Busy.ShouldBeTrue();
        simulator.SetBusy(Org, id, false);
        (await host.Runners.GetRunnerAsync(Org, id, CancellationToken.None)).Value.Busy.ShouldBeFalse();

        simulator.Relabel(Org, id, ["cpu", "large"]);
        (await host.Runners.GetRunnerAsync(Org, id, CancellationToken.None)).Value.Labels
            .Select(l => (l.Name, l.Type))
            .ShouldBe([("self-hosted", GitHubRunnerLabelType.ReadOnly), ("Linux", GitHubRunnerLabelType.ReadOnly), ("X64", GitHubRunnerLabelType.ReadOnly), ("cpu", GitHubRunnerLabelType.Custom), ("large", GitHubRunnerLabelType.Custom)]);

        simulator.SetOffline(Org, id);
        (await host.Runners.GetRunnerAsync(Org, id, CancellationToken.None)).Value.IsOnline.ShouldBeFalse();
        simulator.SetOnline(Org, id);
        (await host.Runners.GetRunnerAsync(Org, id, CancellationToken.None)).Value.IsOnline.ShouldBeTrue();

        simulator.RemoveRunner(Org, id).ShouldBeTrue();
        (await host.Runners.GetRunnerAsync(Org, id, CancellationToken.None)).Failure!.Kind.ShouldBe(GitHubFailureKind.NotFound);
    }

    [Test]
    public async Task Runner_ids_are_numeric_and_increasing_and_deletion_frees_the_name()
    {
        await using var host = GitHubTestHost.Create(GitHubTestHost.SimulatorSettings());

        var first = (await host.Runners.GenerateJitConfigAsync(Org, "a", ["x"], 1, null, CancellationToken.None)).Value.Runner.Id;
        var second = (await host.Runners.GenerateJitConfigAsync(Org, "b", ["x"], 1, null, CancellationToken.None)).Value.Runner.Id;
        second.ShouldBeGreaterThan(first);

        (await host.Runners.DeleteRunnerAsync(Org, first, CancellationToken.None)).Value.ShouldBe(GitHubRunnerDeletion.Deleted);
        (await host.Runners.GenerateJitConfigAsync(Org, "A", ["x"], 1, null, CancellationToken.None)).IsSuccess.ShouldBeTrue("names are freed on deletion");
        (await host.Runners.GenerateJitConfigAsync(Org, "B", ["x"], 1, null, CancellationToken.None)).Failure!.Kind.ShouldBe(GitHubFailureKind.NameConflict, "names compare case-insensitively");
    }

    [Test]
    public async Task A_name_stays_taken_while_any_runner_carries_it_however_runners_are_added_and_removed()
    {
        await using var host = GitHubTestHost.Create(GitHubTestHost.SimulatorSettings());
        var simulator = host.Simulator;
        var byHand = simulator.AddRunner(Org, "twin", ["x"]).Id;
        var again = simulator.AddRunner(Org, "TWIN", ["x"]).Id;

        simulator.RemoveRunner(Org, byHand).ShouldBeTrue();
        (await host.Runners.GenerateJitConfigAsync(Org, "twin", ["x"], 1, null, CancellationToken.None)).Failure!.Kind
            .ShouldBe(GitHubFailureKind.NameConflict, "the second runner still carries the name");
        simulator.RemoveRunner(Org, byHand).ShouldBeFalse("a runner is removed once");

        simulator.RemoveRunner(Org, again).ShouldBeTrue();
        (await host.Runners.GenerateJitConfigAsync(Org, "Twin", ["x"], 1, null, CancellationToken.None)).IsSuccess.ShouldBeTrue();
    }

    [Test]
    public async Task GitHubs_validation_rules_for_generate_jitconfig_apply()
    {
        await using var host = GitHubTestHost.Create(GitHubTestHost.SimulatorSettings());

        (await host.Runners.GenerateJitConfigAsync(Org, "no-labels", [], 1, null, CancellationToken.None)).Failure!.Kind.ShouldBe(GitHubFailureKind.Validation);
        (await host.Runners.GenerateJitConfigAsync(Org, "many", [.. Enumerable.Range(0, 101).Select(i => $"l{i}")], 1, null, CancellationToken.None)).Failure!.Kind.ShouldBe(GitHubFailureKind.Validation);
        (await host.Runners.GenerateJitConfigAsync(Org, "no-group", ["x"], 99, null, CancellationToken.None)).Failure!.Kind.ShouldBe(GitHubFailureKind.NotFound);
        var group = host.Simulator.AddRunnerGroup(Org, "gpu");
        (await host.Runners.GenerateJitConfigAsync(Org, "in-group", ["x"], group, null, CancellationToken.None)).Value.Runner.RunnerGroupId.ShouldBe(group);
    }

    [Test]
    public async Task Pages_carry_GitHubs_Link_header()
    {
        await using var host = GitHubTestHost.Create(GitHubTestHost.SimulatorSettings());
        for (var i = 0; i < 5; i++)
        {
            host.Simulator.AddRunner(Org, $"r{i}", ["x"]);
        }

        using var client = new HttpClient(host.Simulator.CreateHandler());
        var token = await host.Services.GetRequiredService<RunnerTokens.Infrastructure.GitHub.Auth.InstallationTokenCache>()
            .GetAsync(GitHubTestHost.InstallationId, RunnerTokens.Infrastructure.GitHub.Auth.InstallationTokenScope.Runners, CancellationToken.None);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://api.github.com/orgs/{Org}/actions/runners?per_page=2&page=2");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Value.Value);

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var link = response.Headers.GetValues("Link").ShouldHaveSingleItem();
        link.ShouldContain($"<https://api.github.com/orgs/{Org}/actions/runners?per_page=2&page=3>; rel=\"next\"");
        link.ShouldContain("page=3>; rel=\"last\"");
        link.ShouldContain("page=1>; rel=\"prev\"");
        link.ShouldContain("page=1>; rel=\"first\"");
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"total_count\":5");
    }

    [Test]
    public async Task A_mint_resent_after_an_attempt_timeout_is_one_more_request_to_GitHub_but_not_one_more_mint()
    {
        // What made GitHubBackendContractTests.A_revoked_installation_token_is_replaced_once see three mints on a
        // loaded machine: the first mint outlived the attempt timeout and the retry strategy resent it. The clock is
        // fake so that only the stalled attempt times out, however slow the machine is.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = GitHubTestHost.Create(GitHubTestHost.SimulatorSettings(), time);
        var id = host.Simulator.AddRunner(Org, "revoked-runner", ["gpu"]).Id;
        host.Simulator.TimeoutNext("access_tokens", HttpMethod.Post);
        var first = host.Runners.GetRunnerAsync(Org, id, CancellationToken.None);
        while (MintRequests(host) == 0)
        {
            await Task.Delay(10);
        }

        time.Advance(TimeSpan.FromMinutes(1)); // the stalled attempt's timeout (GitHubTestHost's AttemptTimeout)
        while (!first.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(10)); // the jittered retry delay
            await Task.Delay(10);
        }

        (await first).IsSuccess.ShouldBeTrue();
        host.Simulator.RevokeInstallationTokens();

        var result = await host.Runners.GetRunnerAsync(Org, id, CancellationToken.None);

        result.IsSuccess.ShouldBeTrue(result.Failure?.Message);
        host.Logs.Lines.Count(l => l.Contains("Minted a GitHub installation token", StringComparison.Ordinal)).ShouldBe(2, "the first token and one replacement");
        host.Logs.Lines.ShouldContain(l => l.Contains("GitHub POST /app/installations/1/access_tokens failed (TimeoutRejectedException); retry 1", StringComparison.Ordinal));
        MintRequests(host).ShouldBe(3, "GitHub also saw the timed-out attempt");
    }

    [Test]
    public async Task Concurrent_callers_that_saw_the_same_401_cause_one_re_mint()
    {
        await using var host = GitHubTestHost.Create(GitHubTestHost.SimulatorSettings());
        var id = host.Simulator.AddRunner(Org, "revoked-runner", ["gpu"]).Id;
        (await host.Runners.GetRunnerAsync(Org, id, CancellationToken.None)).IsSuccess.ShouldBeTrue();
        host.Simulator.RevokeInstallationTokens();

        var results = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(_ => Task.Run(() => host.Runners.GetRunnerAsync(Org, id, CancellationToken.None))));

        results.ShouldAllBe(r => r.IsSuccess);
        MintRequests(host).ShouldBe(2, "the first token and exactly one replacement");
        host.Simulator.Requests.Count(r => r.Method == "GET" && r.Path == $"/orgs/{Org}/actions/runners/{id}")
            .ShouldBeInRange(1 + 50 + 1, 1 + 50 + 50, "the first callers saw the 401 and each caller retried at most once");
    }

    [Test]
    public async Task A_lost_answer_to_generate_jitconfig_is_recovered_by_name_and_the_runner_deleted()
    {
        // A fake clock, advanced once the simulator holds the POST: only that attempt times out, however slow the machine.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = GitHubTestHost.Create(GitHubTestHost.SimulatorSettings(), time);
        host.Simulator.TimeoutNext("generate-jitconfig", HttpMethod.Post, afterProcessing: true);

        var call = host.Runners.GenerateJitConfigAsync(Org, "lost", ["gpu"], 1, null, CancellationToken.None);
        while (!host.Simulator.Requests.Any(r => r.Path.EndsWith("generate-jitconfig", StringComparison.Ordinal)))
        {
            await Task.Delay(10);
        }

        time.Advance(TimeSpan.FromMinutes(1)); // GitHubTestHost's AttemptTimeout
        var result = await call;

        result.Failure!.Kind.ShouldBe(GitHubFailureKind.Unavailable);
        result.Failure.Ambiguous.ShouldBeTrue();
        host.Simulator.FindRunner(Org, "lost").ShouldBeNull("the runner whose config was lost is deleted");
        result.Failure.MayHaveLeftRunner.ShouldBeFalse();
        host.Simulator.Requests.Where(r => r.Path.EndsWith("generate-jitconfig", StringComparison.Ordinal)).Count().ShouldBe(1);
        (await host.Runners.GenerateJitConfigAsync(Org, "lost", ["gpu"], 1, null, CancellationToken.None)).IsSuccess.ShouldBeTrue("the caller can simply try again");
    }

    [Test]
    public async Task A_lost_answer_whose_runner_cannot_be_looked_up_says_a_runner_may_be_left()
    {
        var settings = GitHubTestHost.SimulatorSettings();
        settings["GitHub:Resilience:AttemptTimeout"] = "00:00:00.200";
        settings["GitHub:Resilience:MaxRetryAttempts"] = "1";
        settings["GitHub:Resilience:RetryBaseDelay"] = "00:00:00.010";
        await using var host = GitHubTestHost.Create(settings);
        host.Simulator.TimeoutNext("generate-jitconfig", HttpMethod.Post, afterProcessing: true);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            host.Simulator.FailNext(HttpStatusCode.ServiceUnavailable, "/actions/runners", HttpMethod.Get); // the lookup and its retry
        }

        var result = await host.Runners.GenerateJitConfigAsync(Org, "left", ["gpu"], 1, null, CancellationToken.None);

        result.Failure!.Ambiguous.ShouldBeTrue();
        result.Failure.MayHaveLeftRunner.ShouldBeTrue("the runner GitHub made could not be found and removed");
        host.Simulator.FindRunner(Org, "left").ShouldNotBeNull();
    }

    [Test]
    public async Task A_connection_reset_before_processing_leaves_nothing_behind()
    {
        await using var host = GitHubTestHost.Create(GitHubTestHost.SimulatorSettings());
        host.Simulator.ResetConnectionNext("generate-jitconfig", HttpMethod.Post);

        var result = await host.Runners.GenerateJitConfigAsync(Org, "reset", ["gpu"], 1, null, CancellationToken.None);

        result.Failure!.Kind.ShouldBe(GitHubFailureKind.Unavailable);
        result.Failure.Ambiguous.ShouldBeFalse();
        host.Simulator.GetRunners(Org).ShouldBeEmpty();
    }

    [Test]
    public async Task The_counters_tally_generate_jitconfig_per_name_and_token_mints_and_survive_the_bounded_request_log()
    {
        var settings = GitHubTestHost.SimulatorSettings();
        settings["GitHub:Simulator:RateLimit"] = "100000"; // more calls than an hour's default budget
        await using var host = GitHubTestHost.Create(settings);
        (await host.Runners.GenerateJitConfigAsync(Org, "Counted-1", ["gpu"], 1, null, CancellationToken.None)).IsSuccess.ShouldBeTrue();
        host.Simulator.FailNext(HttpStatusCode.ServiceUnavailable, "generate-jitconfig", HttpMethod.Post);
        (await host.Runners.GenerateJitConfigAsync(Org, "counted-2", ["gpu"], 1, null, CancellationToken.None)).IsSuccess.ShouldBeFalse();

        var counters = host.Simulator.Counters;
        counters.JitConfigRequestsByName.ShouldBe(new Dictionary<string, int> { [$"{Org}/counted-1"] = 1, [$"{Org}/counted-2"] = 1 }, ignoreOrder: true);
        counters.TokenMintsByInstallation.Values.Sum().ShouldBe(1, "one installation token serves both calls");

        for (var i = 0; i < 10_500; i++)
        {
            await host.Runners.GetRunnerAsync(Org, 1, CancellationToken.None);
        }

        host.Simulator.Requests.Count.ShouldBeLessThanOrEqualTo(10_000, "the request log is bounded");
        host.Simulator.Counters.Requests.ShouldBeGreaterThan(10_500);
        host.Simulator.Counters.JitConfigRequestsByName.Count.ShouldBe(2, "counters outlive the log");
    }

    [Test]
    public async Task A_slow_answer_arrives_late_but_complete()
    {
        await using var host = GitHubTestHost.Create(GitHubTestHost.SimulatorSettings());
        host.Simulator.InjectFault(new SimulatedFault(SimulatedFaultKind.Slow) { PathContains = "generate-jitconfig", DelayMilliseconds = 500 });
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = await host.Runners.GenerateJitConfigAsync(Org, "slow", ["gpu"], 1, null, CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(450));
        host.Simulator.FindRunner(Org, "slow").ShouldNotBeNull();
    }

    [Test]
    public async Task Injected_status_faults_reach_the_client_and_GETs_are_retried_past_them()
    {
        await using var host = GitHubTestHost.Create(GitHubTestHost.SimulatorSettings());
        var id = host.Simulator.AddRunner(Org, "r", ["x"]).Id;
        host.Simulator.FailNext(HttpStatusCode.BadGateway, $"/actions/runners/{id}", HttpMethod.Get);
        host.Simulator.FailNext(HttpStatusCode.ServiceUnavailable, "registration-token");

        (await host.Runners.GetRunnerAsync(Org, id, CancellationToken.None)).IsSuccess.ShouldBeTrue();
        var token = await host.Runners.CreateRegistrationTokenAsync(Org, CancellationToken.None);

        token.Failure!.StatusCode.ShouldBe(503);
        host.Simulator.Requests.Count(r => r.Path == $"/orgs/{Org}/actions/runners/{id}").ShouldBe(2);
    }

    [Test]
    public async Task An_exhausted_rate_limit_answers_403_with_the_reset_and_the_client_stops_calling()
    {
        await using var host = GitHubTestHost.Create(GitHubTestHost.SimulatorSettings());
        var id = host.Simulator.AddRunner(Org, "r", ["x"]).Id;
        host.Simulator.SetRateLimit(Org, 1, TimeSpan.FromMinutes(30));

        (await host.Runners.GetRunnerAsync(Org, id, CancellationToken.None)).IsSuccess.ShouldBeTrue();
        host.RateLimits.GetSnapshot(Org)!.Remaining.ShouldBe(0);
        host.RateLimits.ShouldYield(Org, out _).ShouldBeTrue();

        var limited = await host.Runners.GetRunnerAsync(Org, id, CancellationToken.None);

        limited.Failure!.Kind.ShouldBe(GitHubFailureKind.RateLimited);
        limited.Failure.RetryAfter!.Value.ShouldBeInRange(TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
        host.Simulator.Requests.Count(r => r.Path == $"/orgs/{Org}/actions/runners/{id}").ShouldBe(1);
    }

    [Test]
    public async Task Without_a_configured_installation_id_the_simulator_is_asked_and_unknown_orgs_are_served_when_none_are_configured()
    {
        var settings = GitHubTestHost.SimulatorSettings();
        settings.Remove("GitHub:Organizations:0:Name");
        settings.Remove("GitHub:Organizations:0:InstallationId");
        await using var host = GitHubTestHost.Create(settings);
        host.Simulator.Uninstall("not-installed");

        (await host.Runners.CreateRegistrationTokenAsync("any-org", CancellationToken.None)).IsSuccess.ShouldBeTrue();
        var missing = await host.Runners.CreateRegistrationTokenAsync("not-installed", CancellationToken.None);

        missing.Failure!.Kind.ShouldBe(GitHubFailureKind.NotFound);
        missing.Failure.Message.ShouldContain("not installed");
        host.Simulator.Requests.ShouldContain(r => r.Method == "GET" && r.Path == "/orgs/any-org/installation");
        host.RateLimits.GetSnapshot("any-org")!.InstallationId.ShouldBe(host.Simulator.InstallationIdFor("any-org"));
    }

    [Test]
    public async Task The_simulator_checks_credentials_like_GitHub()
    {
        await using var host = GitHubTestHost.Create(GitHubTestHost.SimulatorSettings());
        using var client = new HttpClient(host.Simulator.CreateHandler());

        using var noToken = await client.PostAsync(new Uri($"https://api.github.com/orgs/{Org}/actions/runners/registration-token"), null);
        using var noJwt = await client.PostAsync(new Uri("https://api.github.com/app/installations/1/access_tokens"), null);
        using var unknownRoute = await client.GetAsync(new Uri("https://api.github.com/orgs/octo-org/teams"));

        noToken.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await noToken.Content.ReadAsStringAsync()).ShouldContain("Bad credentials");
        noJwt.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unknownRoute.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        host.Simulator.Requests.ShouldAllBe(r => !r.Authenticated);
    }

    [Test]
    public async Task An_actions_token_cannot_manage_runners_and_a_runner_token_cannot_cancel_runs()
    {
        await using var host = GitHubTestHost.Create(GitHubTestHost.SimulatorSettings());
        var cache = host.Services.GetRequiredService<RunnerTokens.Infrastructure.GitHub.Auth.InstallationTokenCache>();
        var actions = await cache.GetAsync(1, RunnerTokens.Infrastructure.GitHub.Auth.InstallationTokenScope.Actions, CancellationToken.None);
        var runners = await cache.GetAsync(1, RunnerTokens.Infrastructure.GitHub.Auth.InstallationTokenScope.Runners, CancellationToken.None);
        using var client = new HttpClient(host.Simulator.CreateHandler());

        using var listWithActions = await Send(client, HttpMethod.Get, $"/orgs/{Org}/actions/runners", actions.Value.Value);
        using var cancelWithRunners = await Send(client, HttpMethod.Post, $"/repos/{Org}/r/actions/runs/1/cancel", runners.Value.Value);

        listWithActions.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        cancelWithRunners.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await cancelWithRunners.Content.ReadAsStringAsync()).ShouldContain("Resource not accessible by integration");
        host.Simulator.CancelledRuns.ShouldBeEmpty();
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, "https://api.github.com" + path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private static int MintRequests(GitHubTestHost host) =>
        host.Simulator.Requests.Count(r => r.Method == "POST" && r.Path == "/app/installations/1/access_tokens");
}
