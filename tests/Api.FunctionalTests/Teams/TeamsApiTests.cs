using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Application.Teams.EvaluateAdmission;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.Teams;

/// <summary>Teams, policies and members through HTTP: bodies, problem details and audit rows.</summary>
public sealed class TeamsApiTests : FunctionalTestBase
{
    private SeededUser _admin = null!;
    private SeededUser _maintainer = null!;
    private SeededUser _member = null!;

    [OneTimeSetUp]
    public async Task SeedPrincipals()
    {
        _admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        _maintainer = await Factory.SeedUserAsync(Unique("maint"));
        _member = await Factory.SeedUserAsync(Unique("member"));
    }

    [Test]
    public async Task Creating_a_team_returns_it_with_its_location_and_policy_version_1()
    {
        var name = Unique("create");

        var response = await ClientFor(_admin).PostAsJsonAsync("/api/v1/teams", new
        {
            name,
            description = "Platform runners",
            organization = "acme",
            policy = new { requiredLabels = new[] { name }, allowedLabelPatterns = new[] { "gpu-.*" }, maxRunners = 4 },
        });

        var team = await response.ShouldBeJsonAsync<TeamDto>(HttpStatusCode.Created);
        response.Headers.Location.ShouldNotBeNull().ToString().ShouldEndWith($"/api/v1/teams/{name}");
        team.Name.ShouldBe(name);
        team.Description.ShouldBe("Platform runners");
        team.Organization.ShouldBe("acme");
        team.IsActive.ShouldBeTrue();
        team.PolicyVersion.ShouldBe(1);
        var policy = await (await ClientFor(_admin).GetAsync($"/api/v1/teams/{name}/policy")).ShouldBeJsonAsync<LabelPolicyDto>();
        policy.Version.ShouldBe(1);
        policy.RequiredLabels.ShouldBe([name]);
        policy.AllowedLabelPatterns.ShouldBe(["gpu-.*"]);
        policy.MaxRunners.ShouldBe(4);
        policy.AllowRegistrationTokens.ShouldBeFalse();
        policy.CreatedBy.ShouldBe(_admin.Id.ToString());

        var audit = await Factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.TeamId == team.Id).Select(e => e.Action).ToListAsync());
        audit.ShouldBe(["team.created", "team.policy_changed"], ignoreOrder: true);
    }

    [Test]
    public async Task Team_creation_refusals_have_stable_codes()
    {
        var existing = await Factory.SeedTeamAsync(Unique("taken"));
        var admin = ClientFor(_admin);

        await (await admin.PostAsJsonAsync("/api/v1/teams", new { name = existing.Name, organization = "acme" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "team.name_taken");
        await (await admin.PostAsJsonAsync("/api/v1/teams", new { name = "Not_A_Slug", organization = "acme" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "team.invalid_name");
        await (await admin.PostAsJsonAsync("/api/v1/teams", new { name = Unique("org"), organization = "-acme" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "team.invalid_organization");
        await (await admin.PostAsJsonAsync("/api/v1/teams", new { organization = "acme" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
    }

    [Test]
    public async Task An_invalid_policy_is_a_400_listing_every_violation()
    {
        var team = await Factory.SeedTeamAsync(Unique("invalid"));

        var problem = await (await ClientFor(_admin).PutAsJsonAsync($"/api/v1/teams/{team.Name}/policy", new
        {
            requiredLabels = new[] { "self-hosted", "ok" },
            allowedLabelPatterns = new[] { "(?<=x)y", "team-.*" },
            maxRunners = -1,
        })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "team.policy_invalid");

        var violations = problem.GetProperty("violations").EnumerateArray().ToList();
        violations.Select(v => v.GetProperty("field").GetString()).ShouldBe(["requiredLabels[0]", "allowedLabelPatterns[0]", "maxRunners"]);
        violations.Select(v => v.GetProperty("code").GetString()).ShouldBe(["label.reserved_by_github", "pattern.unsupported", "quota.invalid"]);
        violations[1].GetProperty("value").GetString().ShouldBe("(?<=x)y");
        (await Factory.WithDbAsync(db => db.LabelPolicies.CountAsync(p => p.TeamId == team.Id))).ShouldBe(1);
    }

    [Test]
    public async Task Policy_versions_are_kept_listed_and_audited_with_both_versions()
    {
        var team = await Factory.SeedTeamAsync(Unique("versions"));
        var admin = ClientFor(_admin);
        var path = $"/api/v1/teams/{team.Name}/policy";

        var second = await (await admin.PutAsJsonAsync(path, new { requiredLabels = new[] { "team-v" }, maxRunners = 2 })).ShouldBeJsonAsync<LabelPolicyDto>();
        var third = await (await admin.PutAsJsonAsync(path, new { requiredLabels = new[] { "team-v" }, maxRunners = 3, allowRegistrationTokens = true })).ShouldBeJsonAsync<LabelPolicyDto>();
        var firstPage = await (await ClientFor(_admin).GetAsync($"{path}/versions?limit=2")).ShouldBeJsonAsync<Page<LabelPolicyDto>>();
        var lastPage = await (await ClientFor(_admin).GetAsync($"{path}/versions?limit=2&cursor={firstPage.NextCursor}")).ShouldBeJsonAsync<Page<LabelPolicyDto>>();

        second.Version.ShouldBe(2);
        third.Version.ShouldBe(3);
        firstPage.Items.Select(p => p.Version).ShouldBe([3, 2]);
        firstPage.Items[1].MaxRunners.ShouldBe(2);
        lastPage.Items.Select(p => p.Version).ShouldBe([1]);
        lastPage.Items[0].RequiredLabels.ShouldBeEmpty();
        lastPage.NextCursor.ShouldBeNull();

        var changes = await Factory.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.TeamId == team.Id && e.Action == "team.policy_changed").OrderBy(e => e.OccurredAt).ToListAsync());
        changes.Count.ShouldBe(2);
        using var last = JsonDocument.Parse(changes[1].DetailsJson);
        last.RootElement.GetProperty("beforeVersion").GetInt32().ShouldBe(2);
        last.RootElement.GetProperty("afterVersion").GetInt32().ShouldBe(3);
        last.RootElement.GetProperty("before").GetProperty("maxRunners").GetInt32().ShouldBe(2);
        last.RootElement.GetProperty("after").GetProperty("allowRegistrationTokens").GetBoolean().ShouldBeTrue();
        changes[1].ActorId.ShouldBe(_admin.Id.ToString());
    }

    [Test]
    public async Task Evaluation_answers_200_whether_admitted_or_refused()
    {
        var team = await Factory.SeedTeamAsync(Unique("eval"), policy: new LabelPolicySettings(
            ["team-e"], ["gpu-.*"], [5], DefaultRunnerGroupId: 4, MaxRunners: 3, AllowRegistrationTokens: false, AllowPersistentRunners: false));
        await Factory.AddMemberAsync(team, _member);
        var client = ClientFor(_member);
        var path = $"/api/v1/teams/{team.Name}/policy/evaluate";

        var admitted = await (await client.PostAsJsonAsync(path, new { labels = new[] { "GPU-A100", "team-E" }, runnerGroupId = 5 }))
            .ShouldBeJsonAsync<AdmissionDecisionDto>();
        var refused = await (await client.PostAsJsonAsync(path, new { labels = new[] { "cpu", "linux", "bad label" }, runnerGroupId = 9 }))
            .ShouldBeJsonAsync<AdmissionDecisionDto>();

        admitted.Admitted.ShouldBeTrue();
        admitted.FinalLabels.ShouldBe(["team-e", "GPU-A100"]);
        admitted.RunnerGroupId.ShouldBe(5);
        admitted.PolicyVersion.ShouldBe(1);
        admitted.LiveRunners.ShouldBe(0);
        admitted.MaxRunners.ShouldBe(3);
        admitted.Violations.ShouldBeEmpty();
        refused.Admitted.ShouldBeFalse();
        refused.FinalLabels.ShouldBeNull();
        refused.Violations.Select(v => (v.Code, v.Label)).ShouldBe([
            ("label.not_allowed", "cpu"),
            ("label.reserved_by_github", "linux"),
            ("label.invalid_characters", "bad label"),
            ("runner_group.not_allowed", null),
        ]);
        refused.Violations[3].RunnerGroupId.ShouldBe(9);
    }

    [Test]
    public async Task A_deactivated_team_admits_nothing_and_its_members_still_see_it()
    {
        var team = await Factory.SeedTeamAsync(Unique("deact"));
        await Factory.AddMemberAsync(team, _member);
        var path = $"/api/v1/teams/{team.Name}";

        var deactivated = await (await ClientFor(_admin).PostAsJsonAsync($"{path}/deactivate", new { reason = "Budget review" })).ShouldBeJsonAsync<TeamDto>();
        var seen = await (await ClientFor(_member).GetAsync(path)).ShouldBeJsonAsync<TeamDto>();
        var decision = await (await ClientFor(_member).PostAsJsonAsync($"{path}/policy/evaluate", new { labels = Array.Empty<string>() }))
            .ShouldBeJsonAsync<AdmissionDecisionDto>();

        deactivated.IsActive.ShouldBeFalse();
        deactivated.DeactivationReason.ShouldBe("Budget review");
        deactivated.DeactivatedBy.ShouldBe(_admin.Id.ToString());
        seen.IsActive.ShouldBeFalse();
        decision.Admitted.ShouldBeFalse();
        decision.Violations.Select(v => v.Code).ShouldBe(["team.deactivated"]);

        await (await ClientFor(_admin).PostAsJsonAsync($"{path}/deactivate", new { reason = "again" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "team.already_deactivated");
        (await ClientFor(_admin).PostAsync($"{path}/reactivate", content: null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await ClientFor(_admin).PostAsync($"{path}/reactivate", content: null))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "team.not_deactivated");
    }

    [Test]
    public async Task Deactivation_needs_a_reason()
    {
        var team = await Factory.SeedTeamAsync(Unique("reason"));

        await (await ClientFor(_admin).PostAsJsonAsync($"/api/v1/teams/{team.Name}/deactivate", new { reason = "  " }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "team.deactivation_reason_required");
    }

    [Test]
    public async Task Maintainers_manage_members_with_an_audit_trail()
    {
        var team = await Factory.SeedTeamAsync(Unique("members"));
        await Factory.AddMemberAsync(team, _maintainer, TeamRole.Maintainer);
        var newcomer = await Factory.SeedUserAsync(Unique("new"));
        var client = ClientFor(_maintainer);
        var path = $"/api/v1/teams/{team.Name}/members";

        var added = await (await client.PutAsJsonAsync($"{path}/{newcomer.Id}", new { role = "member" })).ShouldBeJsonAsync<TeamMemberDto>();
        var promoted = await (await client.PutAsJsonAsync($"{path}/{newcomer.Id}", new { role = "maintainer" })).ShouldBeJsonAsync<TeamMemberDto>();
        var listed = await (await client.GetAsync(path)).ShouldBeJsonAsync<Page<TeamMemberDto>>();
        (await client.DeleteAsync($"{path}/{newcomer.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        added.Role.ShouldBe(TeamRole.Member);
        added.DisplayName.ShouldBe(newcomer.DisplayName);
        promoted.Role.ShouldBe(TeamRole.Maintainer);
        listed.Items.Select(m => m.UserId).ShouldBe([newcomer.Id, _maintainer.Id]);
        var audit = await Factory.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.TeamId == team.Id).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Select(e => e.Action).ToListAsync());
        audit.ShouldBe(["team.member_added", "team.member_role_changed", "team.member_removed"]);
    }

    [Test]
    public async Task Member_refusals_have_stable_codes()
    {
        var team = await Factory.SeedTeamAsync(Unique("memref"));
        var admin = ClientFor(_admin);
        var path = $"/api/v1/teams/{team.Name}/members";

        await (await admin.PutAsJsonAsync($"{path}/{Guid.NewGuid()}", new { role = "member" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");
        await (await admin.PutAsJsonAsync($"{path}/{_member.Id}", new { role = "owner" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
        await (await admin.PutAsJsonAsync($"{path}/{_member.Id}", new { }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
        await (await admin.DeleteAsync($"{path}/{_member.Id}"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "team.member_not_found");
    }

    [Test]
    public async Task Unknown_teams_are_404_even_for_admins_and_names_match_ignoring_case()
    {
        var team = await Factory.SeedTeamAsync(Unique("case"));

        await (await ClientFor(_admin).GetAsync("/api/v1/teams/no-such-team")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "team.not_found");
        (await (await ClientFor(_admin).GetAsync($"/api/v1/teams/{team.Name.ToUpperInvariant()}")).ShouldBeJsonAsync<TeamDto>()).Id.ShouldBe(team.Id);
    }

    [Test]
    public async Task Listing_is_paged_and_checks_its_parameters()
    {
        for (var i = 0; i < 3; i++)
        {
            await Factory.SeedTeamAsync(Unique("page"));
        }

        var admin = ClientFor(_admin);
        var first = await (await admin.GetAsync("/api/v1/teams?limit=2")).ShouldBeJsonAsync<Page<TeamDto>>();
        var second = await (await admin.GetAsync($"/api/v1/teams?limit=2&cursor={first.NextCursor}")).ShouldBeJsonAsync<Page<TeamDto>>();

        first.Items.Count.ShouldBe(2);
        first.NextCursor.ShouldNotBeNull();
        second.Items.Select(t => t.Id).ShouldNotContain(id => first.Items.Any(f => f.Id == id));
        await (await admin.GetAsync("/api/v1/teams?limit=0")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        await (await admin.GetAsync("/api/v1/teams?cursor=bogus")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.invalid_cursor");
    }

    [Test]
    public async Task A_GitHub_Actions_machine_identity_evaluates_for_its_team_only()
    {
        var team = await Factory.SeedTeamAsync(Unique("gha"));
        var other = await Factory.SeedTeamAsync(Unique("gha-other"));
        var actions = new GitHubActionsClaims();
        await Factory.SeedMachineIdentityAsync(team, Issuers.GitHubActions, actions.Subject, new Dictionary<string, string> { ["repository_owner_id"] = "123" });
        var client = ClientWith(Issuers.GitHubActions.GitHubActionsToken(actions));

        var decision = await (await client.PostAsJsonAsync($"/api/v1/teams/{team.Name}/policy/evaluate", new { labels = Array.Empty<string>() }))
            .ShouldBeJsonAsync<AdmissionDecisionDto>();
        var teams = await (await ClientWith(Issuers.GitHubActions.GitHubActionsToken(actions)).GetAsync("/api/v1/teams"))
            .ShouldBeJsonAsync<Page<TeamDto>>();

        decision.Admitted.ShouldBeTrue();
        teams.Items.Select(t => t.Id).ShouldBe([team.Id]);
        await (await ClientWith(Issuers.GitHubActions.GitHubActionsToken(actions)).GetAsync($"/api/v1/teams/{other.Name}"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "team.not_found");
    }
}
