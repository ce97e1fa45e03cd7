using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using RunnerTokens.Cli.Auth;
using RunnerTokens.Cli.Hosting;

namespace RunnerTokens.Cli.Tests;

/// <summary>Parsing, usage errors, where the URL and token come from, the token cache and the two logins (no service needed).</summary>
public sealed class CommandLineTests
{
    private string _config = null!;

    [SetUp]
    public void NewConfigFolder() => _config = CliRun.TemporaryFolder();

    [TearDown]
    public void RemoveConfigFolder()
    {
        if (Directory.Exists(_config))
        {
            Directory.Delete(_config, recursive: true);
        }
    }

    [Test]
    public async Task Help_lists_every_command_group_and_exits_zero()
    {
        var run = await new CliRun(_config).RunAsync("--help");

        run.ExitCode.ShouldBe(ExitCodes.Success, run.ToString());
        foreach (var group in new[] { "login", "logout", "whoami", "runners", "teams", "policy", "members", "machine-identities", "users", "audit", "sync" })
        {
            run.Out.ShouldContain($"\n  {group} ");
        }
    }

    [TestCase(new[] { "--help" }, ExitCodes.Success, "machine-identities")]
    [TestCase(new[] { "runners", "delete" }, ExitCodes.Usage, "Give a runner id, or --team")]
    public async Task The_built_tool_runs_as_a_process_with_its_exit_codes(string[] args, int exitCode, string text)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "runnertokens.dll"));
        args.ToList().ForEach(start.ArgumentList.Add);
        start.Environment["RUNNERTOKENS_CONFIG_DIR"] = _config;
        using var process = Process.Start(start).ShouldNotBeNull();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.ShouldBe(exitCode, await output + await error);
        (await output + await error).ShouldContain(text);
    }

    [TestCase("runners", "provision", "list", "get", "delete")]
    [TestCase("teams", "list", "create", "show")]
    [TestCase("policy", "show", "set", "evaluate", "history")]
    [TestCase("members", "list", "add", "remove")]
    [TestCase("machine-identities", "list", "create", "delete")]
    [TestCase("users", "list", "create", "promote", "deactivate")]
    [TestCase("audit", "list", "export", "verify")]
    [TestCase("sync", "run", "status")]
    public async Task Each_group_offers_its_commands(string group, params string[] commands)
    {
        var run = await new CliRun(_config).RunAsync(group, "--help");

        run.ExitCode.ShouldBe(ExitCodes.Success, run.ToString());
        foreach (var command in commands)
        {
            run.Out.ShouldContain($"\n  {command} ");
        }
    }

    [TestCase(new[] { "runners", "provison" }, "Unrecognized command or argument 'provison'")]
    [TestCase(new[] { "runners", "get", "not-a-guid" }, "not-a-guid")]
    [TestCase(new[] { "runners", "delete" }, "Give a runner id, or --team for a team's runners (not both).")]
    [TestCase(new[] { "runners", "provision", "--output", "yaml" }, "yaml")]
    [TestCase(new[] { "teams", "create", "ml" }, "--organization")]
    [TestCase(new[] { "audit", "export", "--format", "xml" }, "xml")]
    public async Task A_wrong_command_line_is_a_usage_error_exit_2_sending_nothing(string[] args, string message)
    {
        var run = await new CliRun(_config, service: new RefusingHandler()).RunAsync(args);

        run.ExitCode.ShouldBe(ExitCodes.Usage, run.ToString());
        run.Error.ShouldContain(message);
        run.Error.ShouldContain("See 'runnertokens --help'");
        run.Out.ShouldBeEmpty();
    }

    [Test]
    public async Task Without_a_url_or_without_a_token_nothing_is_sent_and_the_exit_code_is_2()
    {
        var cli = new CliRun(_config, service: new RefusingHandler());

        var noUrl = await cli.RunAsync("teams", "list");
        noUrl.ExitCode.ShouldBe(ExitCodes.Usage, noUrl.ToString());
        noUrl.Error.ShouldContain("No service URL: pass --url, set RUNNERTOKENS_URL");

        var noToken = await cli.RunAsync("teams", "list", "--url", "http://runnertokens.test/");
        noToken.ExitCode.ShouldBe(ExitCodes.Usage, noToken.ToString());
        noToken.Error.ShouldContain("Not signed in: run 'runnertokens login'");
    }

    [Test]
    public async Task An_unreachable_service_is_a_failure_exit_4()
    {
        var cli = new CliRun(_config, service: new RefusingHandler());
        cli.Variables["RUNNERTOKENS_URL"] = "http://runnertokens.test/";
        cli.Variables["RUNNERTOKENS_TOKEN"] = "a-token";

        var run = await cli.RunAsync("sync", "status");

        run.ExitCode.ShouldBe(ExitCodes.Failed, run.ToString());
        run.Error.ShouldContain("Cannot reach the service at http://runnertokens.test/");
    }

    [Test]
    public async Task Login_with_a_token_caches_it_in_a_file_only_its_owner_can_read()
    {
        var run = await new CliRun(_config).RunAsync("login", "--token", "pipeline-token");

        run.ExitCode.ShouldBe(ExitCodes.Success, run.ToString());
        var cache = new TokenCache(_config);
        cache.Load().ShouldNotBeNull().AccessToken.ShouldBe("pipeline-token");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(cache.Path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.GetUnixFileMode(_config).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        (await new CliRun(_config).RunAsync("logout")).Out.ShouldContain("Signed out.");
        File.Exists(cache.Path).ShouldBeFalse();
    }

    [Test]
    public async Task Login_with_client_credentials_discovers_the_token_endpoint_and_caches_the_token()
    {
        var issuer = new FakeIssuer();
        var cli = new CliRun(_config, issuer: issuer);
        cli.Variables["RUNNERTOKENS_CLIENT_SECRET"] = "s3cret";

        var run = await cli.RunAsync("login", "--issuer", FakeIssuer.Issuer, "--client-id", "ci-bot", "--scope", "api://runnertokens/.default");

        run.ExitCode.ShouldBe(ExitCodes.Success, run.ToString());
        issuer.Forms.ShouldHaveSingleItem().ShouldBe("grant_type=client_credentials&client_id=ci-bot&client_secret=s3cret&scope=api%3A%2F%2Frunnertokens%2F.default");
        var cached = new TokenCache(_config).Load().ShouldNotBeNull();
        (cached.AccessToken, cached.Issuer, cached.ClientId, cached.TokenEndpoint).ShouldBe(("issued-1", FakeIssuer.Issuer, "ci-bot", FakeIssuer.TokenEndpoint));
        cached.ExpiresAt.ShouldNotBeNull().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(50));
    }

    [Test]
    public async Task Login_with_a_device_code_shows_the_code_and_polls_until_approved()
    {
        var issuer = new FakeIssuer { PendingPolls = 1 };

        var run = await new CliRun(_config, issuer: issuer).RunAsync("login", "--issuer", FakeIssuer.Issuer, "--client-id", "cli", "--device");

        run.ExitCode.ShouldBe(ExitCodes.Success, run.ToString());
        run.Error.ShouldContain("To sign in, open https://login.test/device?code=WXYZ-1234 and enter the code WXYZ-1234.");
        issuer.Forms.Count(f => f.StartsWith("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code", StringComparison.Ordinal)).ShouldBe(2);
        new TokenCache(_config).Load().ShouldNotBeNull().RefreshToken.ShouldBe("refresh-1");
    }

    [Test]
    public async Task A_refused_login_is_exit_3_with_the_providers_reason()
    {
        var issuer = new FakeIssuer { RefuseClient = true };
        var cli = new CliRun(_config, issuer: issuer);

        var run = await cli.RunAsync("login", "--issuer", FakeIssuer.Issuer, "--client-id", "ci-bot", "--client-secret", "wrong");

        run.ExitCode.ShouldBe(ExitCodes.Refused, run.ToString());
        run.Error.ShouldContain("The identity provider refused the sign-in (401 invalid_client): Client authentication failed.");
        File.Exists(new TokenCache(_config).Path).ShouldBeFalse();
    }

    [Test]
    public async Task Login_without_a_secret_or_device_says_how_exit_2()
    {
        var run = await new CliRun(_config).RunAsync("login", "--issuer", FakeIssuer.Issuer, "--client-id", "ci-bot");

        run.ExitCode.ShouldBe(ExitCodes.Usage, run.ToString());
        run.Error.ShouldContain("Give --client-secret (or RUNNERTOKENS_CLIENT_SECRET) for client credentials, or --device");
    }

    /// <summary>Fails every request as an unreachable host would: proves a usage error sent nothing.</summary>
    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused (runnertokens.test:80)");
    }

    /// <summary>An OpenID provider with discovery, a token endpoint (client credentials, device code) and a device endpoint.</summary>
    private sealed class FakeIssuer : HttpMessageHandler
    {
        public const string Issuer = "https://login.test/tenant";
        public const string TokenEndpoint = "https://login.test/tenant/token";

        public List<string> Forms { get; } = [];

        public int PendingPolls { get; set; }

        public bool RefuseClient { get; init; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = request.RequestUri!.ToString();
            if (url == Issuer + "/.well-known/openid-configuration")
            {
                return Json(HttpStatusCode.OK, new { issuer = Issuer, token_endpoint = TokenEndpoint, device_authorization_endpoint = "https://login.test/tenant/device" });
            }

            var form = await request.Content!.ReadAsStringAsync(cancellationToken);
            if (url == "https://login.test/tenant/device")
            {
                return Json(HttpStatusCode.OK, new
                {
                    device_code = "dev-1", user_code = "WXYZ-1234", verification_uri = "https://login.test/device",
                    verification_uri_complete = "https://login.test/device?code=WXYZ-1234", expires_in = 60, interval = 1,
                });
            }

            Forms.Add(form);
            if (RefuseClient)
            {
                return Json(HttpStatusCode.Unauthorized, new { error = "invalid_client", error_description = "Client authentication failed." });
            }

            if (form.Contains("device_code", StringComparison.Ordinal) && PendingPolls-- > 0)
            {
                return Json(HttpStatusCode.BadRequest, new { error = "authorization_pending" });
            }

            return Json(HttpStatusCode.OK, new { access_token = "issued-1", token_type = "Bearer", expires_in = 3600, refresh_token = "refresh-1" });
        }

        private static HttpResponseMessage Json(HttpStatusCode status, object body) =>
            new(status) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
    }
}
