using System.Text.Json;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Cli.Hosting;

namespace RunnerTokens.Cli.Tests;

/// <summary>
/// <c>runnertokens</c> against the real service in memory (WebApplicationFactory on SQLite, the GitHub simulator,
/// real tokens of the test issuers): an administrator creates a team, sets its policy and adds a member; the member
/// provisions, lists, reads and deletes a runner, and is refused a runner the policy does not admit; the
/// administrator reads and verifies the audit trail.
/// </summary>
public sealed class CliScenarioTests
{
    private RunnerTokensApiFactory _factory = null!;
    private HttpMessageHandler _service = null!;
    private string _config = null!;
    private SeededUser _admin = null!;
    private SeededUser _member = null!;

    [OneTimeSetUp]
    public async Task StartService()
    {
        _factory = new RunnerTokensApiFactory();
        _service = _factory.Server.CreateHandler();
        _config = CliRun.TemporaryFolder();
        Directory.CreateDirectory(_config);
        _admin = await _factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        _member = await _factory.SeedUserAsync(Unique("member"));
    }

    [OneTimeTearDown]
    public async Task StopService()
    {
        _service.Dispose();
        await _factory.DisposeAsync();
        await TestIssuerServer.Shared.DisposeAsync(); // the only fixture here that started the shared test issuers
        if (Directory.Exists(_config))
        {
            Directory.Delete(_config, recursive: true);
        }
    }

    [Test]
    public async Task Team_policy_provision_list_get_refusal_delete_and_audit_verify()
    {
        var team = Unique("ml");
        var admin = Cli();
        admin.Variables["RUNNERTOKENS_TOKEN"] = _admin.Token();
        var member = Cli();
        var memberToken = _member.Token();

        var created = await admin.RunAsync("teams", "create", team, "--organization", "acme", "--description", "Machine learning");
        created.ExitCode.ShouldBe(ExitCodes.Success, created.ToString());
        created.Out.ShouldBe($"Created team {team} in acme (policy v1).{Environment.NewLine}");

        var policy = await admin.RunAsync("policy", "set", team, "--required-label", "ci", "--allow-label", "gpu-.*", "--max-runners", "2");
        policy.ExitCode.ShouldBe(ExitCodes.Success, policy.ToString());
        policy.Out.ShouldContain($"Policy of {team} is now version 2.");
        policy.Out.ShouldContain("Allowed patterns:    gpu-.*");

        var added = await admin.RunAsync("members", "add", team, _member.Id.ToString(), "--role", "member");
        added.ExitCode.ShouldBe(ExitCodes.Success, added.ToString());

        var provisioned = await member.RunAsync("runners", "provision", "--team", team, "--label", "gpu-a100", "--output", "env", "--token", memberToken);
        provisioned.ExitCode.ShouldBe(ExitCodes.Success, provisioned.ToString());
        var env = provisioned.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        env.Keys.ShouldBe(["RUNNER_ID", "RUNNER_NAME", "RUNNER_TEAM", "RUNNER_LABELS", "RUNNER_GROUP_ID", "RUNNER_JITCONFIG"]);
        env["RUNNER_TEAM"].ShouldBe(team);
        env["RUNNER_LABELS"].ShouldBe("ci,gpu-a100");
        env["RUNNER_JITCONFIG"].ShouldNotBeNullOrWhiteSpace();
        var id = env["RUNNER_ID"];

        var refused = await member.RunAsync("runners", "provision", "--team", team, "--label", "prod", "--label", "windows", "--token", memberToken);
        refused.ExitCode.ShouldBe(ExitCodes.Refused, refused.ToString());
        refused.Out.ShouldBeEmpty();
        var problem = refused.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        problem[0].ShouldStartWith("error: ");
        problem[0].ShouldEndWith("(403 runner.label_not_allowed)");
        problem.Count(l => l.StartsWith("  - ", StringComparison.Ordinal)).ShouldBe(2, refused.Error);
        problem.ShouldContain(l => l.StartsWith("  - label.not_allowed 'prod': ", StringComparison.Ordinal), refused.Error);
        problem.ShouldContain(l => l.StartsWith("  - label.reserved_by_github 'windows': ", StringComparison.Ordinal), refused.Error);
        problem[^1].ShouldStartWith("  trace id: ");

        var refusedJson = await member.RunAsync("runners", "provision", "--team", team, "--label", "prod", "--json", "--token", memberToken);
        refusedJson.ExitCode.ShouldBe(ExitCodes.Refused, refusedJson.ToString());
        using (var document = JsonDocument.Parse(refusedJson.Out))
        {
            document.RootElement.GetProperty("errorCode").GetString().ShouldBe("runner.label_not_allowed");
            document.RootElement.GetProperty("violations").GetArrayLength().ShouldBe(1);
        }

        var list = await member.RunAsync("runners", "list", "--team", team, "--token", memberToken);
        list.ExitCode.ShouldBe(ExitCodes.Success, list.ToString());
        var lines = list.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("ID                                    NAME");
        lines.Length.ShouldBe(2, list.Out);
        lines[1].ShouldStartWith(id);
        lines[1].ShouldContain($"  {team}  ");
        lines[1].ShouldContain("ci,gpu-a100");

        var listJson = await member.RunAsync("runners", "list", "--team", team, "--json", "--token", memberToken);
        using (var document = JsonDocument.Parse(listJson.Out))
        {
            document.RootElement.EnumerateArray().ShouldHaveSingleItem().GetProperty("id").GetString().ShouldBe(id);
        }

        var get = await member.RunAsync("runners", "get", id, "--token", memberToken);
        get.ExitCode.ShouldBe(ExitCodes.Success, get.ToString());
        var fields = get.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => p[1].Trim());
        (fields["Id"], fields["Team"], fields["Status"], fields["Labels"], fields["Jobs"]).ShouldBe((id, team, "pending", "ci,gpu-a100", "none"));
        get.Out.Split(Environment.NewLine).Where(l => l.Length > 0).Select(l => l.IndexOf(':', StringComparison.Ordinal) + l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].TakeWhile(c => c == ' ').Count())
            .Distinct().Count().ShouldBe(1, "values start in one column");

        var evaluated = await member.RunAsync("policy", "evaluate", team, "--label", "prod", "--token", memberToken);
        evaluated.ExitCode.ShouldBe(ExitCodes.Refused, evaluated.ToString());
        evaluated.Out.ShouldStartWith($"Not admitted by policy v2:{Environment.NewLine}  - label.not_allowed 'prod': ");

        var deleted = await member.RunAsync("runners", "delete", id, "--token", memberToken);
        deleted.ExitCode.ShouldBe(ExitCodes.Success, deleted.ToString());
        deleted.Out.ShouldBe($"Deleted runner {id}.{Environment.NewLine}");
        var gone = await member.RunAsync("runners", "get", id, "--json", "--token", memberToken);
        using (var document = JsonDocument.Parse(gone.Out))
        {
            document.RootElement.GetProperty("status").GetString().ShouldBe("deleted");
        }

        var audit = await admin.RunAsync("audit", "list", "--team", team);
        audit.ExitCode.ShouldBe(ExitCodes.Success, audit.ToString());
        audit.Out.ShouldContain("runner.jit_provisioned");
        audit.Out.ShouldContain("runner.deleted");

        var verified = await admin.RunAsync("audit", "verify");
        verified.ExitCode.ShouldBe(ExitCodes.Success, verified.ToString());
        verified.Out.ShouldStartWith("Audit trail intact: ");
    }

    [Test]
    public async Task Audit_export_streams_every_event_as_csv_or_one_json_array()
    {
        var admin = Cli();
        admin.Variables["RUNNERTOKENS_TOKEN"] = _admin.Token();
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O");
        for (var i = 0; i < 3; i++)
        {
            (await admin.RunAsync("teams", "create", Unique("exp"), "--organization", "acme")).ExitCode.ShouldBe(ExitCodes.Success);
        }

        var json = await admin.RunAsync("audit", "export", "--since", since);
        json.ExitCode.ShouldBe(ExitCodes.Success, json.ToString());
        using (var document = JsonDocument.Parse(json.Out))
        {
            document.RootElement.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "team.created").ShouldBe(3);
        }

        json.Error.ShouldContain("Exported ");

        var file = Path.Combine(_config, "audit.csv");
        var csv = await admin.RunAsync("audit", "export", "--format", "csv", "--since", since, "--output", file);
        csv.ExitCode.ShouldBe(ExitCodes.Success, csv.ToString());
        var lines = await File.ReadAllLinesAsync(file);
        lines[0].ShouldStartWith("id,occurredAt,actorKind,actorId,actorDisplay,action,");
        lines.Count(l => l.Contains(",team.created,team,", StringComparison.Ordinal)).ShouldBe(3);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Test]
    public async Task Machine_identities_users_members_whoami_and_sync_status()
    {
        var team = Unique("ops");
        var admin = Cli();
        admin.Variables["RUNNERTOKENS_TOKEN"] = _admin.Token();
        (await admin.RunAsync("teams", "create", team, "--organization", "acme")).ExitCode.ShouldBe(ExitCodes.Success);

        var created = await admin.RunAsync("machine-identities", "create", team, "--name", "deploy", "--issuer", Issuers.GitHubActions.IssuerId,
            "--subject", "repo:acme/app:ref:refs/heads/main", "--condition", "repository_owner_id=123", "--json");
        created.ExitCode.ShouldBe(ExitCodes.Success, created.ToString());
        var identityId = JsonDocument.Parse(created.Out).RootElement.GetProperty("id").GetString()!;
        var identities = await admin.RunAsync("machine-identities", "list", team);
        identities.Out.ShouldContain("repository_owner_id=123");
        (await admin.RunAsync("machine-identities", "delete", team, identityId)).ExitCode.ShouldBe(ExitCodes.Success);
        (await admin.RunAsync("machine-identities", "list", team)).Out.ShouldBe($"(none){Environment.NewLine}");

        var users = await admin.RunAsync("users", "list", "--text", _member.Subject);
        users.ExitCode.ShouldBe(ExitCodes.Success, users.ToString());
        users.Out.ShouldContain(_member.Email);

        (await admin.RunAsync("members", "add", team, _member.Id.ToString(), "--role", "maintainer")).ExitCode.ShouldBe(ExitCodes.Success);
        var members = await admin.RunAsync("members", "list", team);
        members.Out.ShouldContain("maintainer");
        (await admin.RunAsync("members", "remove", team, _member.Id.ToString())).ExitCode.ShouldBe(ExitCodes.Success);

        var whoami = await admin.RunAsync("whoami");
        whoami.Out.ShouldContain("Administrator: yes");

        var notAdmin = await Cli().RunAsync("users", "list", "--token", _member.Token());
        notAdmin.ExitCode.ShouldBe(ExitCodes.Refused, notAdmin.ToString());
        notAdmin.Error.ShouldContain("(403 auth.admin_required)");

        var missing = await admin.RunAsync("teams", "show", Unique("nope"));
        missing.ExitCode.ShouldBe(ExitCodes.Refused, missing.ToString());
        missing.Error.ShouldContain("(404 team.not_found)");

        var sync = await admin.RunAsync("sync", "status");
        sync.ExitCode.ShouldBe(ExitCodes.Success, sync.ToString());
    }

    private static TestIssuerServer Issuers => TestIssuerServer.Shared;

    private CliRun Cli()
    {
        var cli = new CliRun(_config, _service);
        cli.Variables["RUNNERTOKENS_URL"] = _factory.Server.BaseAddress.ToString();
        return cli;
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
