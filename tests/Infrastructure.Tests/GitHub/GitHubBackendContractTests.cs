using System.Text.Json.Nodes;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Infrastructure.Tests.GitHub.Support;

namespace RunnerTokens.Infrastructure.Tests.GitHub;

/// <summary>
/// The same contract, run against WireMock (GitHub's documented answers) and against the simulator: where
/// their behaviour overlaps, the simulator must be indistinguishable through the port.
/// </summary>
[TestFixture(BackendKind.WireMock)]
[TestFixture(BackendKind.Simulator)]
public sealed class GitHubBackendContractTests(BackendKind kind)
{
    private const string Org = GitHubBackend.Org;
    private GitHubBackend _backend = null!;

    private IGitHubRunners Runners => _backend.Host.Runners;

    [SetUp]
    public void SetUp() => _backend = GitHubBackend.Create(kind);

    [TearDown]
    public async Task TearDown() => await _backend.DisposeAsync();

    [Test]
    public async Task GenerateJitConfig_creates_an_offline_ephemeral_runner_with_GitHubs_read_only_labels()
    {
        _backend.GivenJitConfigCanBeCreated("jit-1");

        var result = await Runners.GenerateJitConfigAsync(Org, "jit-1", ["gpu"], 1, null, CancellationToken.None);

        result.IsSuccess.ShouldBeTrue(result.Failure?.Message);
        var runner = result.Value.Runner;
        runner.Id.ShouldBeGreaterThan(0);
        runner.Name.ShouldBe("jit-1");
        runner.Status.ShouldBe("offline");
        runner.Busy.ShouldBeFalse();
        runner.Ephemeral.ShouldBe(true);
        runner.Labels.Where(l => l.Type == GitHubRunnerLabelType.ReadOnly).Select(l => l.Name).ShouldBe(["self-hosted", "Linux", "X64"]);
        runner.Labels.Where(l => l.Type == GitHubRunnerLabelType.Custom).Select(l => l.Name).ShouldBe(["gpu"]);
        var decoded = JsonNode.Parse(Convert.FromBase64String(result.Value.EncodedJitConfig))!.AsObject();
        decoded.ContainsKey(".runner").ShouldBeTrue();

        var request = _backend.RequestsTo("POST", $"/orgs/{Org}/actions/runners/generate-jitconfig").ShouldHaveSingleItem();
        JsonNode.DeepEquals(JsonNode.Parse(request.Body!), JsonNode.Parse("""{"name":"jit-1","runner_group_id":1,"labels":["gpu"]}""")).ShouldBeTrue(request.Body);
        AssertGitHubHeaders(request);
        request.Headers["Content-Type"].ShouldStartWith("application/json");
    }

    [Test]
    public async Task A_taken_name_is_a_name_conflict_and_is_not_resent()
    {
        _backend.GivenRunnerNameTaken("taken");

        var result = await Runners.GenerateJitConfigAsync(Org, "taken", ["gpu"], 1, null, CancellationToken.None);

        result.Failure!.Kind.ShouldBe(GitHubFailureKind.NameConflict);
        result.Failure.StatusCode.ShouldBe(409);
        _backend.RequestsTo("POST", $"/orgs/{Org}/actions/runners/generate-jitconfig").Count.ShouldBe(1);
    }

    [Test]
    public async Task ListRunners_reads_every_page_of_100()
    {
        _backend.GivenRunners(150);

        var result = await Runners.ListRunnersAsync(Org, null, CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        result.Value.Count.ShouldBe(150);
        result.Value.Select(r => r.Id).Distinct().Count().ShouldBe(150);
        result.Value.Select(r => r.Name).ShouldContain("runner-150");
        var pages = _backend.RequestsTo("GET", $"/orgs/{Org}/actions/runners");
        pages.Select(p => (p.Query["per_page"], p.Query["page"])).ShouldBe([("100", "1"), ("100", "2")]);
        pages.ShouldAllBe(p => p.Body == null);
    }

    [Test]
    public async Task ListRunners_filters_by_name()
    {
        var id = _backend.GivenRunner("wanted", busy: false);

        var result = await Runners.ListRunnersAsync(Org, "wanted", CancellationToken.None);

        result.Value.ShouldHaveSingleItem().Id.ShouldBe(id);
        _backend.RequestsTo("GET", $"/orgs/{Org}/actions/runners").ShouldHaveSingleItem().Query["name"].ShouldBe("wanted");
    }

    [Test]
    public async Task GetRunner_reads_status_busy_and_labels()
    {
        var id = _backend.GivenRunner("busy-one", busy: true);

        var result = await Runners.GetRunnerAsync(Org, id, CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        result.Value.Name.ShouldBe("busy-one");
        result.Value.IsOnline.ShouldBeTrue();
        result.Value.Busy.ShouldBeTrue();
        result.Value.Labels.ShouldContain(l => l.Name == "gpu" && l.Type == GitHubRunnerLabelType.Custom);
        AssertGitHubHeaders(_backend.RequestsTo("GET", $"/orgs/{Org}/actions/runners/{id}").ShouldHaveSingleItem());
    }

    [Test]
    public async Task GetRunner_of_an_unknown_id_is_not_found()
    {
        _backend.GivenMissingRunner(999);

        var result = await Runners.GetRunnerAsync(Org, 999, CancellationToken.None);

        result.Failure!.Kind.ShouldBe(GitHubFailureKind.NotFound);
    }

    [Test]
    public async Task DeleteRunner_deletes_and_an_unknown_runner_is_already_gone()
    {
        var id = _backend.GivenRunner("idle-one", busy: false);
        _backend.GivenMissingRunner(999);

        (await Runners.DeleteRunnerAsync(Org, id, CancellationToken.None)).Value.ShouldBe(GitHubRunnerDeletion.Deleted);
        (await Runners.DeleteRunnerAsync(Org, 999, CancellationToken.None)).Value.ShouldBe(GitHubRunnerDeletion.AlreadyGone);

        var delete = _backend.RequestsTo("DELETE", $"/orgs/{Org}/actions/runners/{id}").ShouldHaveSingleItem();
        delete.Body.ShouldBeNull();
    }

    [Test]
    public async Task Deleting_a_busy_runner_is_refused_with_GitHubs_message()
    {
        var id = _backend.GivenRunner("busy-one", busy: true);

        var result = await Runners.DeleteRunnerAsync(Org, id, CancellationToken.None);

        result.Failure!.Kind.ShouldBe(GitHubFailureKind.Validation);
        result.Failure.Message.ShouldContain("is still running a job");
    }

    [Test]
    public async Task Registration_and_remove_tokens_are_posted_without_a_body()
    {
        _backend.GivenTokenEndpoints();

        var registration = await Runners.CreateRegistrationTokenAsync(Org, CancellationToken.None);
        var remove = await Runners.CreateRemoveTokenAsync(Org, CancellationToken.None);

        registration.Value.Token.ShouldNotBeNullOrWhiteSpace();
        remove.Value.Token.ShouldNotBeNullOrWhiteSpace();
        registration.Value.ExpiresAt.ShouldNotBe(default);
        foreach (var endpoint in new[] { "registration-token", "remove-token" })
        {
            var request = _backend.RequestsTo("POST", $"/orgs/{Org}/actions/runners/{endpoint}").ShouldHaveSingleItem();
            request.Body.ShouldBeNull();
            request.Headers.ContainsKey("Content-Type").ShouldBeFalse();
            AssertGitHubHeaders(request);
        }
    }

    [Test]
    public async Task ListRunnerGroups_includes_the_default_group()
    {
        _backend.GivenRunnerGroups();

        var result = await Runners.ListRunnerGroupsAsync(Org, CancellationToken.None);

        result.Value.Count.ShouldBe(2);
        result.Value.ShouldContain(new GitHubRunnerGroup(1, "Default", "all", IsDefault: true, Inherited: false, AllowsPublicRepositories: false));
    }

    [Test]
    public async Task CancelWorkflowRun_is_requested_or_not_cancellable()
    {
        _backend.GivenRun("hello-world", 42, completed: false);
        _backend.GivenRun("hello-world", 43, completed: true);

        (await Runners.CancelWorkflowRunAsync(Org, "hello-world", 42, CancellationToken.None)).Value.ShouldBe(GitHubRunCancellation.Requested);
        (await Runners.CancelWorkflowRunAsync(Org, "hello-world", 43, CancellationToken.None)).Value.ShouldBe(GitHubRunCancellation.NotCancellable);

        _backend.RequestsTo("POST", $"/repos/{Org}/hello-world/actions/runs/42/cancel").ShouldHaveSingleItem().Body.ShouldBeNull();
        var mints = _backend.RequestsTo("POST", "/app/installations/1/access_tokens");
        mints.ShouldHaveSingleItem().Body.ShouldBe("""{"permissions":{"actions":"write"}}""");
    }

    [Test]
    public async Task Rate_limit_headers_are_kept_per_organization()
    {
        var id = _backend.GivenRunner("counted", busy: false);

        await Runners.GetRunnerAsync(Org, id, CancellationToken.None);

        var snapshot = _backend.Host.RateLimits.GetSnapshot(Org).ShouldNotBeNull();
        snapshot.InstallationId.ShouldBe(1);
        snapshot.Limit.ShouldBe(5000);
        snapshot.Remaining.ShouldBeInRange(1, 4999);
        snapshot.ResetAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow);
    }

    [Test]
    public async Task A_revoked_installation_token_is_replaced_once()
    {
        var id = _backend.GivenRunner("revoked-runner", busy: false);
        (await Runners.GetRunnerAsync(Org, id, CancellationToken.None)).IsSuccess.ShouldBeTrue();
        _backend.GivenInstallationTokenRevoked(id);

        var result = await Runners.GetRunnerAsync(Org, id, CancellationToken.None);

        result.IsSuccess.ShouldBeTrue(result.Failure?.Message);
        result.Value.Name.ShouldBe("revoked-runner");
        _backend.RequestsTo("POST", "/app/installations/1/access_tokens").Count.ShouldBe(2);
        _backend.RequestsTo("GET", $"/orgs/{Org}/actions/runners/{id}").Count.ShouldBe(3);
    }

    [Test]
    public async Task Installation_tokens_are_minted_with_the_App_JWT_and_the_runner_permission_only()
    {
        var id = _backend.GivenRunner("any", busy: false);

        await Runners.GetRunnerAsync(Org, id, CancellationToken.None);

        var mint = _backend.RequestsTo("POST", "/app/installations/1/access_tokens").ShouldHaveSingleItem();
        mint.Body.ShouldBe("""{"permissions":{"organization_self_hosted_runners":"write"}}""");
        AssertGitHubHeaders(mint);
    }

    private static void AssertGitHubHeaders(SeenRequest request)
    {
        request.Headers["Accept"].ShouldBe("application/vnd.github+json");
        request.Headers["X-GitHub-Api-Version"].ShouldBe("2022-11-28");
        request.Headers["User-Agent"].ShouldStartWith("RunnerTokens/");
    }
}
