using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Infrastructure.Tests.GitHub.Support;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace RunnerTokens.Infrastructure.Tests.GitHub;

/// <summary>
/// Contract tests of every endpoint against WireMock: exact method, path, headers and JSON body (or none),
/// GitHub's example answers parse, every error status maps to its outcome.
/// </summary>
public sealed class GitHubClientContractTests
{
    private const string Org = GitHubTestHost.Org;
    private GitHubWireMock _github = null!;
    private GitHubTestHost _host = null!;

    [SetUp]
    public void SetUp()
    {
        _github = new GitHubWireMock();
        _github.StubInstallationToken();
        _host = GitHubTestHost.Create(GitHubTestHost.GitHubSettings(_github.ApiBaseUrl));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _github.Dispose();
    }

    [Test]
    public async Task GenerateJitConfig_posts_GitHubs_body_and_reads_the_documented_answer()
    {
        Given("POST", $"/orgs/{Org}/actions/runners/generate-jitconfig", GitHubWireMock.FixtureResponse(201, "generate-jitconfig.201.json"));

        var result = await _host.Runners.GenerateJitConfigAsync(Org, "iMac", ["gpu"], 1, null, CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        var runner = result.Value.Runner;
        runner.Id.ShouldBe(5);
        runner.Name.ShouldBe("iMac");
        runner.Os.ShouldBe("macos");
        runner.Status.ShouldBe("offline");
        runner.Busy.ShouldBeFalse();
        runner.RunnerGroupId.ShouldBe(1);
        runner.Ephemeral.ShouldBe(true);
        runner.Labels.ShouldContain(new GitHubRunnerLabel("self-hosted", GitHubRunnerLabelType.ReadOnly, 1));
        runner.Labels.ShouldContain(new GitHubRunnerLabel("gpu", GitHubRunnerLabelType.Custom, 4));
        result.Value.EncodedJitConfig.ShouldBe(JsonNode.Parse(Fixture.Read("generate-jitconfig.201.json"))!["encoded_jit_config"]!.GetValue<string>());
        result.Value.ToString().ShouldNotContain(result.Value.EncodedJitConfig);

        var request = _github.Requests("POST", $"/orgs/{Org}/actions/runners/generate-jitconfig").ShouldHaveSingleItem();
        AssertGitHubHeaders(request);
        Header(request, "Authorization").ShouldBe("Bearer " + GitHubWireMock.InstallationToken);
        Header(request, "Content-Type")!.ShouldStartWith("application/json");
        JsonNode.DeepEquals(JsonNode.Parse(request.Body!), JsonNode.Parse("""{"name":"iMac","runner_group_id":1,"labels":["gpu"]}""")).ShouldBeTrue(request.Body);
    }

    [Test]
    public async Task GenerateJitConfig_sends_work_folder_when_given()
    {
        Given("POST", $"/orgs/{Org}/actions/runners/generate-jitconfig", GitHubWireMock.FixtureResponse(201, "generate-jitconfig.201.json"));

        (await _host.Runners.GenerateJitConfigAsync(Org, "iMac", ["gpu", "linux-large"], 7, "_w", CancellationToken.None)).IsSuccess.ShouldBeTrue();

        var request = _github.Requests("POST", $"/orgs/{Org}/actions/runners/generate-jitconfig").ShouldHaveSingleItem();
        JsonNode.DeepEquals(
            JsonNode.Parse(request.Body!),
            JsonNode.Parse("""{"name":"iMac","runner_group_id":7,"labels":["gpu","linux-large"],"work_folder":"_w"}""")).ShouldBeTrue(request.Body);
    }

    [Test]
    public async Task Installation_token_is_minted_with_only_the_runner_permission_and_a_valid_App_JWT()
    {
        Given("GET", $"/orgs/{Org}/actions/runners/5", GitHubWireMock.FixtureResponse(200, "get-runner.200.json"));

        (await _host.Runners.GetRunnerAsync(Org, 5, CancellationToken.None)).IsSuccess.ShouldBeTrue();

        var mint = _github.Requests("POST", "/app/installations/1/access_tokens").ShouldHaveSingleItem();
        AssertGitHubHeaders(mint);
        JsonNode.DeepEquals(JsonNode.Parse(mint.Body!), JsonNode.Parse("""{"permissions":{"organization_self_hosted_runners":"write"}}""")).ShouldBeTrue(mint.Body);
        var authorization = Header(mint, "Authorization")!;
        authorization.ShouldStartWith("Bearer ");
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(authorization["Bearer ".Length..], new TokenValidationParameters
        {
            IssuerSigningKey = new RsaSecurityKey(TestKeys.Rsa.ExportParameters(false)),
            ValidIssuer = GitHubTestHost.AppId,
            ValidateAudience = false,
        });
        validation.IsValid.ShouldBeTrue(validation.Exception?.Message);
    }

    [TestCase("registration-token", "registration-token.201.json")]
    [TestCase("remove-token", "remove-token.201.json")]
    public async Task Token_endpoints_post_without_a_body_and_read_the_documented_answer(string endpoint, string fixture)
    {
        Given("POST", $"/orgs/{Org}/actions/runners/{endpoint}", GitHubWireMock.FixtureResponse(201, fixture));

        var result = endpoint == "registration-token"
            ? await _host.Runners.CreateRegistrationTokenAsync(Org, CancellationToken.None)
            : await _host.Runners.CreateRemoveTokenAsync(Org, CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        var expected = JsonNode.Parse(Fixture.Read(fixture))!;
        result.Value.Token.ShouldBe(expected["token"]!.GetValue<string>());
        result.Value.ExpiresAt.ShouldBe(DateTimeOffset.Parse("2016-07-11T22:14:10Z", System.Globalization.CultureInfo.InvariantCulture));
        result.Value.ToString().ShouldNotContain(result.Value.Token);

        var request = _github.Requests("POST", $"/orgs/{Org}/actions/runners/{endpoint}").ShouldHaveSingleItem();
        AssertGitHubHeaders(request);
        AssertNoBody(request);
    }

    [Test]
    public async Task ListRunners_asks_for_100_per_page_and_reads_the_documented_answer()
    {
        Given("GET", $"/orgs/{Org}/actions/runners", GitHubWireMock.FixtureResponse(200, "list-runners.200.json"));

        var result = await _host.Runners.ListRunnersAsync(Org, null, CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        result.Value.Select(r => r.Id).ShouldBe([5L, 6L]);
        result.Value[0].Name.ShouldBe("iMac");
        result.Value[0].IsOnline.ShouldBeTrue();
        result.Value[1].IsOnline.ShouldBeFalse();
        var request = _github.Requests("GET", $"/orgs/{Org}/actions/runners").ShouldHaveSingleItem();
        AssertGitHubHeaders(request);
        AssertNoBody(request);
        Query(request).ShouldBe(new Dictionary<string, string> { ["per_page"] = "100", ["page"] = "1" });
    }

    [Test]
    public async Task ListRunners_filters_by_name_and_follows_Link_next_through_every_page()
    {
        var path = $"/orgs/{Org}/actions/runners";
        var page1 = string.Join(",", Enumerable.Range(1, 100).Select(i => GitHubWireMock.RunnerJson(i, "runner")));
        _github.Server.Given(Request.Create().WithPath(_github.P(path)).UsingGet().WithParam("page", "1"))
            .RespondWith(GitHubWireMock.Json(200, $$"""{"total_count":101,"runners":[{{page1}}]}""")
                .WithHeader("Link", $"<{_github.ApiBaseUrl}{path}?name=runner&per_page=100&page=2>; rel=\"next\", <{_github.ApiBaseUrl}{path}?name=runner&per_page=100&page=2>; rel=\"last\""));
        _github.Server.Given(Request.Create().WithPath(_github.P(path)).UsingGet().WithParam("page", "2"))
            .RespondWith(GitHubWireMock.Json(200, $$"""{"total_count":101,"runners":[{{GitHubWireMock.RunnerJson(100, "runner")}},{{GitHubWireMock.RunnerJson(101, "runner")}}]}""")
                .WithHeader("Link", $"<{_github.ApiBaseUrl}{path}?name=runner&per_page=100&page=1>; rel=\"prev\", <{_github.ApiBaseUrl}{path}?name=runner&per_page=100&page=1>; rel=\"first\""));

        var result = await _host.Runners.ListRunnersAsync(Org, "runner", CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        result.Value.Count.ShouldBe(101, "runner 100 moved to page 2 and is kept once");
        result.Value.Select(r => r.Id).Distinct().Count().ShouldBe(101);
        var requests = _github.Requests("GET", path);
        requests.Select(Query).ShouldBe(
        [
            new Dictionary<string, string> { ["name"] = "runner", ["per_page"] = "100", ["page"] = "1" },
            new Dictionary<string, string> { ["name"] = "runner", ["per_page"] = "100", ["page"] = "2" },
        ]);
    }

    [Test]
    public async Task GetRunner_reads_the_documented_answer()
    {
        Given("GET", $"/orgs/{Org}/actions/runners/5", GitHubWireMock.FixtureResponse(200, "get-runner.200.json"));

        var result = await _host.Runners.GetRunnerAsync(Org, 5, CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        result.Value.ShouldBeEquivalentTo(result.Value with { Id = 5, Name = "iMac", Os = "macos", Status = "online", Busy = true, RunnerGroupId = 1, Ephemeral = false });
        result.Value.Labels.Count.ShouldBe(4);
        AssertGitHubHeaders(_github.Requests("GET", $"/orgs/{Org}/actions/runners/5").ShouldHaveSingleItem());
    }

    [TestCase(204, GitHubRunnerDeletion.Deleted)]
    [TestCase(404, GitHubRunnerDeletion.AlreadyGone)]
    public async Task DeleteRunner_reports_deleted_or_already_gone(int status, GitHubRunnerDeletion expected)
    {
        Given("DELETE", $"/orgs/{Org}/actions/runners/5", status == 204
            ? Response.Create().WithStatusCode(204)
            : GitHubWireMock.FixtureResponse(404, "error-not-found.404.json"));

        var result = await _host.Runners.DeleteRunnerAsync(Org, 5, CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        result.Value.ShouldBe(expected);
        var request = _github.Requests("DELETE", $"/orgs/{Org}/actions/runners/5").ShouldHaveSingleItem();
        AssertGitHubHeaders(request);
        AssertNoBody(request);
    }

    [Test]
    public async Task DeleteRunner_of_a_busy_runner_keeps_GitHubs_validation_message()
    {
        Given("DELETE", $"/orgs/{Org}/actions/runners/5", GitHubWireMock.Json(422, """{"message":"Bad request - Runner \"iMac\" is still running a job\"","documentation_url":"https://docs.github.com/rest"}"""));

        var result = await _host.Runners.DeleteRunnerAsync(Org, 5, CancellationToken.None);

        result.Failure!.Kind.ShouldBe(GitHubFailureKind.Validation);
        result.Failure.Message.ShouldContain("is still running a job");
        result.Failure.StatusCode.ShouldBe(422);
    }

    [Test]
    public async Task ListRunnerGroups_reads_the_documented_answer()
    {
        Given("GET", $"/orgs/{Org}/actions/runner-groups", GitHubWireMock.FixtureResponse(200, "list-runner-groups.200.json"));

        var result = await _host.Runners.ListRunnerGroupsAsync(Org, CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        result.Value.ShouldBe(
        [
            new GitHubRunnerGroup(1, "Default", "all", IsDefault: true, Inherited: false, AllowsPublicRepositories: false),
            new GitHubRunnerGroup(2, "gpu", "selected", IsDefault: false, Inherited: false, AllowsPublicRepositories: true),
        ]);
        var request = _github.Requests("GET", $"/orgs/{Org}/actions/runner-groups").ShouldHaveSingleItem();
        AssertGitHubHeaders(request);
        Query(request).ShouldBe(new Dictionary<string, string> { ["per_page"] = "100", ["page"] = "1" });
    }

    [TestCase(202, GitHubRunCancellation.Requested)]
    [TestCase(409, GitHubRunCancellation.NotCancellable)]
    public async Task CancelWorkflowRun_posts_without_a_body_with_an_actions_token(int status, GitHubRunCancellation expected)
    {
        Given("POST", $"/repos/{Org}/hello-world/actions/runs/42/cancel", status == 202
            ? GitHubWireMock.Json(202, "{}")
            : GitHubWireMock.Json(409, """{"message":"Cannot cancel a workflow run that is completed.","documentation_url":"https://docs.github.com/rest"}"""));

        var result = await _host.Runners.CancelWorkflowRunAsync(Org, "hello-world", 42, CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        result.Value.ShouldBe(expected);
        var request = _github.Requests("POST", $"/repos/{Org}/hello-world/actions/runs/42/cancel").ShouldHaveSingleItem();
        AssertGitHubHeaders(request);
        AssertNoBody(request);
        var mint = _github.Requests("POST", "/app/installations/1/access_tokens").ShouldHaveSingleItem();
        JsonNode.DeepEquals(JsonNode.Parse(mint.Body!), JsonNode.Parse("""{"permissions":{"actions":"write"}}""")).ShouldBeTrue(mint.Body);
    }

    [Test]
    public async Task Missing_installation_id_is_looked_up_once_with_the_App_JWT()
    {
        var settings = GitHubTestHost.GitHubSettings(_github.ApiBaseUrl);
        settings.Remove("GitHub:Organizations:0:InstallationId");
        await using var host = GitHubTestHost.Create(settings);
        Given("GET", $"/orgs/{Org}/installation", GitHubWireMock.FixtureResponse(200, "org-installation.200.json"));
        Given("GET", $"/orgs/{Org}/actions/runners/5", GitHubWireMock.FixtureResponse(200, "get-runner.200.json"));

        (await host.Runners.GetRunnerAsync(Org, 5, CancellationToken.None)).IsSuccess.ShouldBeTrue();
        (await host.Runners.GetRunnerAsync(Org, 5, CancellationToken.None)).IsSuccess.ShouldBeTrue();

        var lookup = _github.Requests("GET", $"/orgs/{Org}/installation").ShouldHaveSingleItem();
        AssertGitHubHeaders(lookup);
        Header(lookup, "Authorization")!.Split('.').Length.ShouldBe(3, "an App JWT, not an installation token");
        _github.Requests("POST", "/app/installations/1/access_tokens").Count.ShouldBe(1);
    }

    [Test]
    public async Task An_organization_that_is_not_configured_is_refused_without_calling_GitHub()
    {
        var result = await _host.Runners.ListRunnersAsync("someone-else", null, CancellationToken.None);

        result.Failure!.Kind.ShouldBe(GitHubFailureKind.NotFound);
        result.Failure.Message.ShouldContain("GitHub:Organizations");
        _github.Server.LogEntries.ShouldBeEmpty();
    }

    [TestCase(401, "error-unauthorized.401.json", GitHubFailureKind.Unauthorized)]
    [TestCase(403, "error-forbidden.403.json", GitHubFailureKind.Forbidden)]
    [TestCase(404, "error-not-found.404.json", GitHubFailureKind.NotFound)]
    [TestCase(409, "error-conflict.409.json", GitHubFailureKind.Conflict)]
    [TestCase(422, "error-validation.422.json", GitHubFailureKind.Validation)]
    [TestCase(400, "error-validation.422.json", GitHubFailureKind.Validation)]
    [TestCase(500, "error-server.503.json", GitHubFailureKind.Unavailable)]
    [TestCase(502, "error-server.503.json", GitHubFailureKind.Unavailable)]
    [TestCase(503, "error-server.503.json", GitHubFailureKind.Unavailable)]
    [TestCase(504, "error-server.503.json", GitHubFailureKind.Unavailable)]
    public async Task Error_status_maps_to_its_outcome(int status, string fixture, GitHubFailureKind expected)
    {
        Given("GET", $"/orgs/{Org}/actions/runners/5", GitHubWireMock.FixtureResponse(status, fixture));

        var result = await _host.Runners.GetRunnerAsync(Org, 5, CancellationToken.None);

        result.Failure!.Kind.ShouldBe(expected);
        result.Failure.StatusCode.ShouldBe(status);
        result.Failure.Message.ShouldContain(JsonNode.Parse(Fixture.Read(fixture))!["message"]!.GetValue<string>());
    }

    [Test]
    public async Task Validation_keeps_GitHubs_message_and_errors()
    {
        Given("POST", $"/orgs/{Org}/actions/runners/generate-jitconfig", GitHubWireMock.FixtureResponse(422, "error-validation.422.json"));

        var result = await _host.Runners.GenerateJitConfigAsync(Org, "iMac", ["gpu"], 1, null, CancellationToken.None);

        result.Failure!.Kind.ShouldBe(GitHubFailureKind.Validation);
        result.Failure.Message.ShouldBe("Invalid request. (labels must contain between 1 and 100 items)");
    }

    [Test]
    public async Task Conflict_on_generate_jitconfig_is_a_name_conflict()
    {
        Given("POST", $"/orgs/{Org}/actions/runners/generate-jitconfig", GitHubWireMock.FixtureResponse(409, "error-conflict.409.json"));

        var result = await _host.Runners.GenerateJitConfigAsync(Org, "iMac", ["gpu"], 1, null, CancellationToken.None);

        result.Failure!.Kind.ShouldBe(GitHubFailureKind.NameConflict);
        result.Failure.ToError().Code.ShouldBe(GitHubErrors.NameConflictCode);
        _github.Requests("POST", $"/orgs/{Org}/actions/runners/generate-jitconfig").Count.ShouldBe(1);
    }

    [Test]
    public async Task Primary_rate_limit_is_rate_limited_until_the_reset()
    {
        var reset = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds();
        Given("GET", $"/orgs/{Org}/actions/runners/5", GitHubWireMock.WithRateLimit(
            Response.Create().WithStatusCode(403).WithHeader("Content-Type", "application/json").WithBody(Fixture.Read("error-rate-limit.403.json")),
            remaining: 0,
            resetEpoch: reset));

        var result = await _host.Runners.GetRunnerAsync(Org, 5, CancellationToken.None);

        result.Failure!.Kind.ShouldBe(GitHubFailureKind.RateLimited);
        result.Failure.RetryAfter!.Value.ShouldBeInRange(TimeSpan.FromMinutes(28), TimeSpan.FromMinutes(30));
        _github.Requests("GET", $"/orgs/{Org}/actions/runners/5").Count.ShouldBe(1, "a wait beyond MaxRetryWait is returned, not slept");

        var next = await _host.Runners.GetRunnerAsync(Org, 5, CancellationToken.None);
        next.Failure!.Kind.ShouldBe(GitHubFailureKind.RateLimited);
        _github.Requests("GET", $"/orgs/{Org}/actions/runners/5").Count.ShouldBe(1, "a spent budget is not spent further before the reset");
    }

    [Test]
    public async Task Secondary_rate_limit_carries_retry_after()
    {
        Given("POST", $"/orgs/{Org}/actions/runners/registration-token", GitHubWireMock.FixtureResponse(429, "error-secondary-rate-limit.429.json").WithHeader("retry-after", "120"));

        var result = await _host.Runners.CreateRegistrationTokenAsync(Org, CancellationToken.None);

        result.Failure!.Kind.ShouldBe(GitHubFailureKind.RateLimited);
        result.Failure.RetryAfter.ShouldBe(TimeSpan.FromSeconds(120));
        var error = result.Failure.ToError();
        error.Code.ShouldBe(GitHubErrors.RateLimitedCode);
        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(120));
    }

    [Test]
    public async Task A_401_with_a_cached_token_drops_it_and_mints_once_more()
    {
        var path = $"/orgs/{Org}/actions/runners/5";
        _github.Server.Given(Request.Create().WithPath(path).UsingGet()).InScenario("revoked").WillSetStateTo("refused")
            .RespondWith(GitHubWireMock.FixtureResponse(200, "get-runner.200.json"));
        _github.Server.Given(Request.Create().WithPath(path).UsingGet()).InScenario("revoked").WhenStateIs("refused").WillSetStateTo("fresh")
            .RespondWith(GitHubWireMock.FixtureResponse(401, "error-unauthorized.401.json"));
        _github.Server.Given(Request.Create().WithPath(path).UsingGet()).InScenario("revoked").WhenStateIs("fresh")
            .RespondWith(GitHubWireMock.FixtureResponse(200, "get-runner.200.json"));

        (await _host.Runners.GetRunnerAsync(Org, 5, CancellationToken.None)).IsSuccess.ShouldBeTrue();
        (await _host.Runners.GetRunnerAsync(Org, 5, CancellationToken.None)).IsSuccess.ShouldBeTrue();

        _github.Requests("POST", "/app/installations/1/access_tokens").Count.ShouldBe(2);
        _github.Requests("GET", path).Count.ShouldBe(3);
    }

    [Test]
    public async Task A_second_401_is_reported_as_unauthorized_after_one_fresh_token()
    {
        Given("GET", $"/orgs/{Org}/actions/runners/5", GitHubWireMock.FixtureResponse(401, "error-unauthorized.401.json"));

        var result = await _host.Runners.GetRunnerAsync(Org, 5, CancellationToken.None);

        result.Failure!.Kind.ShouldBe(GitHubFailureKind.Unauthorized);
        _github.Requests("POST", "/app/installations/1/access_tokens").Count.ShouldBe(2);
        _github.Requests("GET", $"/orgs/{Org}/actions/runners/5").Count.ShouldBe(2);
    }

    [Test]
    public async Task Secrets_are_never_logged()
    {
        Given("POST", $"/orgs/{Org}/actions/runners/generate-jitconfig", GitHubWireMock.FixtureResponse(201, "generate-jitconfig.201.json"));
        Given("POST", $"/orgs/{Org}/actions/runners/registration-token", GitHubWireMock.FixtureResponse(201, "registration-token.201.json"));

        var jit = await _host.Runners.GenerateJitConfigAsync(Org, "iMac", ["gpu"], 1, null, CancellationToken.None);
        var token = await _host.Runners.CreateRegistrationTokenAsync(Org, CancellationToken.None);

        var log = string.Join('\n', _host.Logs.Lines);
        log.ShouldNotBeEmpty();
        log.ShouldNotContain(jit.Value.EncodedJitConfig);
        log.ShouldNotContain(token.Value.Token);
        log.ShouldNotContain(GitHubWireMock.InstallationToken);
        log.ShouldNotContain("eyJ", Case.Sensitive, "no JWT");
        log.ShouldNotContain("PRIVATE KEY");
    }

    internal static void AssertGitHubHeaders(IRequestMessage request)
    {
        Header(request, "Accept").ShouldBe("application/vnd.github+json");
        Header(request, "X-GitHub-Api-Version").ShouldBe("2022-11-28");
        Header(request, "User-Agent")!.ShouldMatch(@"^RunnerTokens/\d+\.\d+\.\d+");
    }

    internal static void AssertNoBody(IRequestMessage request)
    {
        string.IsNullOrEmpty(request.Body).ShouldBeTrue($"no body expected, got '{request.Body}'");
        Header(request, "Content-Type").ShouldBeNull();
    }

    internal static string? Header(IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    internal static Dictionary<string, string> Query(IRequestMessage request) =>
        request.Query?.ToDictionary(q => q.Key, q => q.Value.First(), StringComparer.Ordinal) ?? [];

    private void Given(string method, string path, IResponseBuilder response) =>
        _github.Server.Given(Request.Create().WithPath(_github.P(path)).UsingMethod(method)).RespondWith(response);
}
