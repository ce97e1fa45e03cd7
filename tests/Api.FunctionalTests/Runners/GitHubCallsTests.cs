using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Domain.Teams;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace RunnerTokens.Api.FunctionalTests.Runners;

/// <summary>
/// The service against a WireMock GitHub (real App JWT, installation token and Refit client): asserts the exact
/// generate-jitconfig call GitHub receives (path, headers, snake_case body with the final labels, group and work folder).
/// </summary>
public sealed class GitHubCallsTests : FunctionalTestBase
{
    private const string JitResponse = """
        {"runner":{"id":5,"runner_group_id":7,"name":"ci-1","os":"linux","status":"offline","busy":false,
         "labels":[{"id":1,"name":"self-hosted","type":"read-only"},{"id":4,"name":"team-a","type":"custom"}],"ephemeral":true},
         "encoded_jit_config":"eyJmYWtlIjoiY29uZmlnIn0="}
        """;

    private static readonly WireMockServer GitHub = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort()}"] });
    private static readonly string PrivateKeyPem = RSA.Create(2048).ExportRSAPrivateKeyPem();

    protected override ApiFactoryOptions FactoryOptions => new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["GitHub:Mode"] = "GitHub",
            ["GitHub:AppId"] = "12345",
            ["GitHub:PrivateKey"] = PrivateKeyPem,
            ["GitHub:ApiBaseUrl"] = GitHub.Url,
            ["GitHub:Organizations:0:Name"] = "acme",
            ["GitHub:Organizations:0:InstallationId"] = "77",
        },
    };

    [OneTimeSetUp]
    public void StubGitHub()
    {
        GitHub.Given(Request.Create().WithPath("/app/installations/77/access_tokens").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
                .WithBody("""{"token":"ghs_test_installation_token","expires_at":"2099-01-01T00:00:00Z"}"""));
        GitHub.Given(Request.Create().WithPath("/orgs/acme/actions/runners/generate-jitconfig").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(JitResponse));
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [OneTimeTearDown]
    public void StopGitHub() => GitHub.Dispose();

    [Test]
    public async Task Generate_jitconfig_receives_the_final_labels_group_and_work_folder()
    {
        var team = await Factory.SeedTeamAsync(Unique("team"), policy: new LabelPolicySettings(["team-a"], ["gpu-.*"], [7], 7, null, false, false));
        var member = await Factory.SeedUserAsync(Unique("member"));
        await Factory.AddMemberAsync(team, member);

        var response = await ClientFor(member).PostAsJsonAsync("/api/v1/runners/jit",
            new { team = team.Name, name = "ci-1", labels = new[] { "gpu-a100", "TEAM-A" }, workFolder = "builds" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("githubRunnerId").GetInt64().ShouldBe(5);
        var call = GitHub.LogEntries.Select(e => e.RequestMessage).Single(m => m?.Path == "/orgs/acme/actions/runners/generate-jitconfig").ShouldNotBeNull();
        call.Method.ShouldBe("POST");
        var headers = call.Headers.ShouldNotBeNull();
        headers["Authorization"].ShouldHaveSingleItem().ShouldBe("Bearer ghs_test_installation_token");
        headers["Accept"].ShouldHaveSingleItem().ShouldBe("application/vnd.github+json");
        headers["X-GitHub-Api-Version"].ShouldHaveSingleItem().ShouldBe("2022-11-28");
        headers["User-Agent"].ShouldHaveSingleItem().ShouldStartWith("RunnerTokens/");
        var body = JsonDocument.Parse(call.Body.ShouldNotBeNull()).RootElement;
        body.GetProperty("name").GetString().ShouldBe("ci-1");
        body.GetProperty("runner_group_id").GetInt64().ShouldBe(7);
        body.GetProperty("work_folder").GetString().ShouldBe("builds");
        body.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ShouldBe(["team-a", "gpu-a100"]);
    }
}
