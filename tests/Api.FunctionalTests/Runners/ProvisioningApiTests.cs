using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.Runners;

/// <summary>Provisioning, queries and deletion through HTTP, real JWTs, and the GitHub simulator behind the real client.</summary>
public sealed class ProvisioningApiTests : FunctionalTestBase
{
    private static readonly LabelPolicySettings Policy = new(
        ["ci"], ["gpu-.*", "linux-.*"], [7], null, 2, AllowRegistrationTokens: true, AllowPersistentRunners: false);

    private async Task<(Team Team, SeededUser Member, SeededUser Maintainer)> TeamAsync(LabelPolicySettings? policy = null)
    {
        var team = await Factory.SeedTeamAsync(Unique("team"), policy: policy ?? Policy);
        var member = await Factory.SeedUserAsync(Unique("member"));
        var maintainer = await Factory.SeedUserAsync(Unique("maint"));
        await Factory.AddMemberAsync(team, member);
        await Factory.AddMemberAsync(team, maintainer, TeamRole.Maintainer);
        return (team, member, maintainer);
    }

    private static Task<HttpResponseMessage> PostJit(HttpClient client, object body) => client.PostAsJsonAsync("/api/v1/runners/jit", body);

    [Test]
    public async Task A_member_gets_a_jit_runner_bound_to_the_policys_labels()
    {
        var (team, member, _) = await TeamAsync();
        var client = ClientFor(member);

        var response = await PostJit(client, new { team = team.Name, namePrefix = "gpu", labels = new[] { "gpu-a100" } });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().ShouldEndWith($"/api/v1/runners/{id}");
        body.GetProperty("name").GetString().ShouldNotBeNull().ShouldMatch("^gpu-[a-z0-9]{8}$");
        body.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ShouldBe(["ci", "gpu-a100"]);
        body.GetProperty("status").GetString().ShouldBe("pending");
        body.GetProperty("ephemeral").GetBoolean().ShouldBeTrue();
        body.GetProperty("githubRunnerId").GetInt64().ShouldBeGreaterThan(0);
        body.GetProperty("organization").GetString().ShouldBe("acme");
        var config = body.GetProperty("encodedJitConfig").GetString().ShouldNotBeNull();
        body.GetProperty("runCommand").GetString().ShouldBe($"./run.sh --jitconfig {config}");

        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/runners/{id}");
        read.GetProperty("status").GetString().ShouldBe("pending");
        read.TryGetProperty("encodedJitConfig", out _).ShouldBeFalse();
        read.TryGetProperty("runner", out _).ShouldBeFalse("a runner read is flat, like the list's items");
        read.GetProperty("jobs").GetArrayLength().ShouldBe(0);
        var listed = await client.GetFromJsonAsync<JsonElement>($"/api/v1/runners?team={team.Name}");
        var item = listed.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);
        // Issue 15, problem 9: one shape for runner reads: the list's item fields, plus jobs.
        item.EnumerateObject().Select(p => p.Name).ShouldBe(read.EnumerateObject().Select(p => p.Name).Where(n => n != "jobs"));
    }

    [Test]
    public async Task A_github_actions_machine_identity_provisions_without_naming_its_team()
    {
        var (team, _, _) = await TeamAsync();
        var claims = new GitHubActionsClaims { Repository = $"acme/{Unique("repo")}" };
        await Factory.SeedMachineIdentityAsync(team, Issuers.GitHubActions, claims.Subject, new Dictionary<string, string> { ["repository_owner_id"] = "123" });

        var response = await PostJit(ClientWith(Issuers.GitHubActions.GitHubActionsToken(claims)), new { name = Unique("ci"), labels = new[] { "linux-x" } });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Issue 15, problem 5: the refusal says how to join, and is an access denial, not a policy violation.</summary>
    [Test]
    public async Task An_admin_who_is_not_a_member_is_told_how_to_join_and_the_refusal_is_an_access_denial()
    {
        var (team, _, _) = await TeamAsync();
        var admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);

        var problem = await (await PostJit(ClientFor(admin), new { team = team.Name, name = Unique("r"), labels = new[] { "gpu-x" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.team_role_required");

        problem.GetProperty("detail").GetString().ShouldNotBeNull()
            .ShouldContain($"Add yourself to the team as a member or maintainer: PUT /api/v1/teams/{team.Name}/members/");
        var security = await Factory.WithDbAsync(db => db.SecurityEvents.Where(e => e.TeamId == team.Id).Select(e => e.Type).ToListAsync());
        security.ShouldBe(["auth.access_denied"]);
    }

    [Test]
    public async Task Every_refusal_has_its_status_and_code()
    {
        var (team, member, _) = await TeamAsync();
        var client = ClientFor(member);

        var labels = await (await PostJit(client, new { team = team.Name, name = Unique("r"), labels = new[] { "prod", "windows" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "runner.label_not_allowed");
        labels.GetProperty("violations").GetArrayLength().ShouldBe(2);
        await (await PostJit(client, new { team = team.Name, name = Unique("r"), labels = new[] { "gpu-x" }, runnerGroupId = 99 }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "runner.group_not_allowed");

        var name = Unique("r");
        (await PostJit(client, new { team = team.Name, name, labels = new[] { "gpu-x" } })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await (await PostJit(client, new { team = team.Name, name, labels = new[] { "gpu-x" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "runner.name_conflict");
        (await PostJit(client, new { team = team.Name, name = Unique("r"), labels = new[] { "gpu-x" } })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var quota = await (await PostJit(client, new { team = team.Name, name = Unique("r"), labels = new[] { "gpu-x" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "runner.quota_exceeded");
        quota.GetProperty("current").GetInt32().ShouldBe(2);
        quota.GetProperty("max").GetInt32().ShouldBe(2);

        var denials = await Factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.TeamId == team.Id && e.Action == "runner.jit_provisioned" && e.Outcome == Domain.Audit.AuditOutcome.Denied));
        denials.ShouldBe(4);
        var security = await Factory.WithDbAsync(db => db.SecurityEvents.Where(e => e.TeamId == team.Id).Select(e => e.Type).ToListAsync());
        security.ShouldBe(["runner.policy_violation", "runner.policy_violation", "runner.name_conflict", "runner.quota_exceeded"], ignoreOrder: true);
    }

    [Test]
    public async Task A_deactivated_team_admits_nothing()
    {
        var (team, member, _) = await TeamAsync();
        await Factory.WithDbAsync(async db =>
        {
            (await db.Teams.SingleAsync(t => t.Id == team.Id)).Deactivate("paused", "test", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });

        await (await PostJit(ClientFor(member), new { team = team.Name, name = Unique("r"), labels = new[] { "gpu-x" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "team.deactivated");
    }

    [Test]
    public async Task Outsiders_get_404_and_anonymous_callers_401()
    {
        var (team, _, _) = await TeamAsync();
        var outsider = await Factory.SeedUserAsync(Unique("outsider"));

        await (await PostJit(ClientFor(outsider), new { team = team.Name, name = Unique("r"), labels = new[] { "gpu-x" } }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "team.not_found");
        await (await PostJit(Anonymous(), new { team = team.Name, name = Unique("r"), labels = new[] { "gpu-x" } }))
            .ShouldBeUnauthorizedAsync("auth.unauthenticated", invalidToken: false);
    }

    [Test]
    public async Task A_registration_token_comes_with_its_config_command()
    {
        var (team, member, _) = await TeamAsync();
        var name = Unique("tok");

        var response = await ClientFor(member).PostAsJsonAsync("/api/v1/runners/registration-token", new { team = team.Name, name, labels = new[] { "linux-x" } });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("registrationToken").GetString().ShouldNotBeNull();
        body.GetProperty("configCommand").GetString().ShouldBe(
            $"./config.sh --url https://github.com/acme --token {token} --name {name} --labels ci,linux-x --runnergroup Default --ephemeral --unattended");
        body.GetProperty("expiresAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow);
    }

    [Test]
    public async Task Registration_tokens_are_refused_where_the_policy_does_not_allow_them()
    {
        var (team, member, _) = await TeamAsync(Policy with { AllowRegistrationTokens = false });

        await (await ClientFor(member).PostAsJsonAsync("/api/v1/runners/registration-token", new { team = team.Name, name = Unique("t"), labels = new[] { "linux-x" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "runner.registration_tokens_not_allowed");
    }

    [Test]
    public async Task Deleting_a_runner_keeps_it_as_history_and_a_busy_one_needs_an_admins_force()
    {
        var (team, member, _) = await TeamAsync();
        var admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        var client = ClientFor(member);
        var idle = (await (await PostJit(client, new { team = team.Name, name = Unique("r"), labels = new[] { "gpu-x" } })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var busy = (await (await PostJit(client, new { team = team.Name, name = Unique("r"), labels = new[] { "gpu-x" } })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Factory.WithDbAsync(async db =>
        {
            (await db.Runners.SingleAsync(r => r.Id == busy)).StartJob(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });

        (await client.DeleteAsync($"/api/v1/runners/{idle}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/runners/{idle}")).GetProperty("status").GetString().ShouldBe("deleted");
        await (await client.DeleteAsync($"/api/v1/runners/{busy}")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "runner.busy");
        await (await client.DeleteAsync($"/api/v1/runners/{busy}?force=true")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.admin_required");
        (await ClientFor(admin).DeleteAsync($"/api/v1/runners/{busy}?force=true")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var deleted = await client.GetFromJsonAsync<JsonElement>($"/api/v1/runners?team={team.Name}&status=deleted");
        deleted.GetProperty("items").GetArrayLength().ShouldBe(2);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/runners?team={team.Name}")).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Test]
    public async Task Bulk_deletion_is_for_maintainers_and_can_be_a_dry_run()
    {
        var (team, member, maintainer) = await TeamAsync();
        await PostJit(ClientFor(member), new { team = team.Name, name = Unique("r"), labels = new[] { "gpu-x" } });

        await (await ClientFor(member).PostAsJsonAsync($"/api/v1/teams/{team.Name}/runners/delete", new { dryRun = true }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.maintainer_required");
        var dryRun = await ClientFor(maintainer).PostAsJsonAsync($"/api/v1/teams/{team.Name}/runners/delete", new { statuses = new[] { "pending" }, dryRun = true });
        dryRun.StatusCode.ShouldBe(HttpStatusCode.OK, await dryRun.Content.ReadAsStringAsync());
        var report = await dryRun
            .Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("matched").GetInt32().ShouldBe(1);
        report.GetProperty("deleted").GetInt32().ShouldBe(0);
        report.GetProperty("outcomes")[0].GetProperty("outcome").GetString().ShouldBe("would_delete");
    }

    [TestCase("{not json")]
    [TestCase("""{"team": 5, "name": "r1", "labels": ["gpu-x"]}""")]
    [TestCase("""{"name": "r1", "namePrefix": "p", "labels": ["gpu-x"]}""")]
    [TestCase("""{"name": "-bad", "labels": ["gpu-x"]}""")]
    [TestCase("""{"name": "r1", "labels": "gpu-x"}""")]
    [TestCase("""{"name": "r1", "labels": ["gpu-x"], "runnerGroupId": "seven"}""")]
    [TestCase("""{"name": "r1", "labels": ["gpu-x"], "workFolder": "../../etc"}""")]
    [TestCase("[]")]
    public async Task Malformed_provisioning_bodies_are_400_problems(string body)
    {
        var (_, member, _) = await TeamAsync();

        var response = await ClientFor(member).PostAsync("/api/v1/runners/jit", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [TestCase("/api/v1/runners?status=exploded")]
    [TestCase("/api/v1/runners?kind=nope")]
    [TestCase("/api/v1/runners?limit=0")]
    [TestCase("/api/v1/runners?limit=201")]
    [TestCase("/api/v1/runners?limit=abc")]
    [TestCase("/api/v1/runners?cursor=not-a-cursor")]
    [TestCase("/api/v1/runners/not-a-guid")]
    public async Task Bad_query_parameters_are_400_problems_or_404_for_unknown_routes(string url)
    {
        var (_, member, _) = await TeamAsync();

        var response = await ClientFor(member).GetAsync(url);

        var status = url.EndsWith("not-a-guid", StringComparison.Ordinal) ? HttpStatusCode.NotFound : HttpStatusCode.BadRequest;
        await response.ShouldBeProblemAsync(status);
    }
}
