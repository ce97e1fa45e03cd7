using RunnerTokens.Infrastructure.Tests.GitHub.Support;
using WireMock.RequestBuilders;

namespace RunnerTokens.Infrastructure.Tests.GitHub;

/// <summary>A GitHub Enterprise Server base (https://HOST/api/v3) keeps its path, with or without a trailing slash.</summary>
public sealed class GitHubEnterpriseServerBaseUrlTests
{
    [TestCase("")]
    [TestCase("/")]
    public async Task Requests_go_under_api_v3(string trailing)
    {
        using var github = new GitHubWireMock("/api/v3");
        github.StubInstallationToken();
        github.Server.Given(Request.Create().WithPath("/api/v3/orgs/octo-org/actions/runners").UsingGet())
            .RespondWith(GitHubWireMock.FixtureResponse(200, "list-runners.200.json"));
        github.Server.Given(Request.Create().WithPath("/api/v3/orgs/octo-org/actions/runners/registration-token").UsingPost())
            .RespondWith(GitHubWireMock.FixtureResponse(201, "registration-token.201.json"));
        await using var host = GitHubTestHost.Create(GitHubTestHost.GitHubSettings(github.ApiBaseUrl + trailing));

        (await host.Runners.ListRunnersAsync("octo-org", null, CancellationToken.None)).Value.Count.ShouldBe(2);
        (await host.Runners.CreateRegistrationTokenAsync("octo-org", CancellationToken.None)).IsSuccess.ShouldBeTrue();

        github.Server.LogEntries.Select(e => e.RequestMessage!.Method + " " + e.RequestMessage.Path).ShouldBe(
        [
            "POST /api/v3/app/installations/1/access_tokens",
            "GET /api/v3/orgs/octo-org/actions/runners",
            "POST /api/v3/orgs/octo-org/actions/runners/registration-token",
        ]);
    }

    [Test]
    public async Task The_simulator_answers_under_a_GHES_base_too()
    {
        var settings = GitHubTestHost.SimulatorSettings();
        settings["GitHub:ApiBaseUrl"] = "https://ghes.example.invalid/api/v3/";
        await using var host = GitHubTestHost.Create(settings);

        (await host.Runners.CreateRegistrationTokenAsync("octo-org", CancellationToken.None)).IsSuccess.ShouldBeTrue();

        host.Simulator.Requests.Select(r => r.Method + " " + r.Path).ShouldBe(
        [
            "POST /app/installations/1/access_tokens",
            "POST /orgs/octo-org/actions/runners/registration-token",
        ]);
    }
}
