using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Application.MachineIdentities;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.MachineIdentities;

/// <summary>
/// <c>/api/v1/teams/{team}/machine-identities</c> for every role: admins and the team's maintainers manage
/// them; members and the team's machine identities get 403; everyone else gets 404 for the team.
/// </summary>
public sealed class MachineIdentitiesApiTests : FunctionalTestBase
{
    private Team _team = null!;
    private Team _otherTeam = null!;
    private SeededUser _admin = null!;
    private SeededUser _maintainer = null!;
    private SeededUser _member = null!;
    private SeededUser _outsider = null!;
    private string _teamMachineToken = null!;
    private string _otherMachineToken = null!;

    [OneTimeSetUp]
    public async Task Seed()
    {
        _team = await Factory.SeedTeamAsync(Unique("infra"));
        _otherTeam = await Factory.SeedTeamAsync(Unique("other"));
        _admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        _maintainer = await Factory.SeedUserAsync(Unique("maint"));
        _member = await Factory.SeedUserAsync(Unique("member"));
        _outsider = await Factory.SeedUserAsync(Unique("outsider"));
        await Factory.AddMemberAsync(_team, _maintainer, TeamRole.Maintainer);
        await Factory.AddMemberAsync(_team, _member, TeamRole.Member);
        await Factory.AddMemberAsync(_otherTeam, _outsider, TeamRole.Maintainer);

        var teamBot = Unique("bot");
        await Factory.SeedMachineIdentityAsync(_team, Issuers.Secondary, teamBot);
        _teamMachineToken = Issuers.Secondary.ClientCredentialsToken(teamBot);
        var otherBot = Unique("bot");
        await Factory.SeedMachineIdentityAsync(_otherTeam, Issuers.Secondary, otherBot);
        _otherMachineToken = Issuers.Secondary.ClientCredentialsToken(otherBot);
    }

    [TestCase("admin")]
    [TestCase("maintainer")]
    public async Task Admins_and_maintainers_create_list_update_and_delete_with_an_audit_trail(string role)
    {
        var client = ClientFor(role == "admin" ? _admin : _maintainer);
        var name = Unique("gha");
        var conditions = new Dictionary<string, string>
        {
            ["repository_owner_id"] = "123",
            ["job_workflow_ref"] = "acme/ci/.github/workflows/runners.yml@refs/heads/*",
        };

        var createdResponse = await client.PostAsJsonAsync(Path(), new
        {
            name,
            description = "Runners for infra",
            issuer = Issuers.GitHubActions.IssuerId,
            subject = "repo:acme/infra:ref:refs/heads/main",
            claimConditions = conditions,
            singleUseTokens = true,
        });
        var created = await createdResponse.ShouldBeJsonAsync<MachineIdentityDto>(HttpStatusCode.Created);
        createdResponse.Headers.Location.ShouldNotBeNull().ToString().ShouldEndWith($"{Path()}/{created.Id}");
        created.Team.ShouldBe(_team.Name);
        created.TeamId.ShouldBe(_team.Id);
        created.ClaimConditions.ShouldBe(conditions, ignoreOrder: true);
        created.SingleUseTokens.ShouldBeTrue();
        created.IsActive.ShouldBeTrue();
        created.CreatedBy.ShouldBe(role == "admin" ? _admin.Id : _maintainer.Id);

        var listed = await (await client.GetAsync(Path())).ShouldBeJsonAsync<List<MachineIdentityDto>>();
        listed.ShouldContain(m => m.Id == created.Id);

        var updated = await (await client.PatchAsJsonAsync($"{Path()}/{created.Id}", new
        {
            description = "Changed",
            claimConditions = new Dictionary<string, string> { ["repository_owner_id"] = "123" },
            isActive = false,
        })).ShouldBeJsonAsync<MachineIdentityDto>();
        updated.Description.ShouldBe("Changed");
        updated.ClaimConditions.Keys.ShouldBe(["repository_owner_id"]);
        updated.IsActive.ShouldBeFalse();
        updated.Name.ShouldBe(name);
        updated.Subject.ShouldBe(created.Subject);

        (await client.DeleteAsync($"{Path()}/{created.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await client.DeleteAsync($"{Path()}/{created.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "machine_identity.not_found");

        var audit = await Factory.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.TargetId == created.Id.ToString()).OrderBy(e => e.OccurredAt).ToListAsync());
        audit.Select(a => a.Action).ShouldBe(["machine_identity.created", "machine_identity.updated", "machine_identity.deleted"]);
        audit.ShouldAllBe(a => a.TeamId == _team.Id && a.TargetType == "machine_identity" && a.Outcome == AuditOutcome.Succeeded);
        using (var createdDetails = JsonDocument.Parse(audit[0].DetailsJson))
        {
            createdDetails.RootElement.GetProperty("before").ValueKind.ShouldBe(JsonValueKind.Null);
            createdDetails.RootElement.GetProperty("after").GetProperty("subject").GetString().ShouldBe(created.Subject);
        }

        using (var updatedDetails = JsonDocument.Parse(audit[1].DetailsJson))
        {
            updatedDetails.RootElement.GetProperty("before").GetProperty("isActive").GetBoolean().ShouldBeTrue();
            updatedDetails.RootElement.GetProperty("after").GetProperty("isActive").GetBoolean().ShouldBeFalse();
            updatedDetails.RootElement.GetProperty("after").GetProperty("claimConditions").EnumerateObject().Count().ShouldBe(1);
        }

        using var deletedDetails = JsonDocument.Parse(audit[2].DetailsJson);
        deletedDetails.RootElement.GetProperty("before").GetProperty("id").GetGuid().ShouldBe(created.Id);
        deletedDetails.RootElement.GetProperty("after").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [TestCase("member", HttpStatusCode.Forbidden, "auth.maintainer_required")]
    [TestCase("team-machine", HttpStatusCode.Forbidden, "auth.maintainer_required")]
    [TestCase("outsider", HttpStatusCode.NotFound, "team.not_found")]
    [TestCase("other-machine", HttpStatusCode.NotFound, "team.not_found")]
    public async Task Everyone_else_is_refused_on_every_endpoint(string who, HttpStatusCode status, string errorCode)
    {
        var existing = await Factory.SeedMachineIdentityAsync(_team, Issuers.Primary, Unique("victim"));
        var client = who switch
        {
            "member" => ClientFor(_member),
            "outsider" => ClientFor(_outsider),
            "team-machine" => ClientWith(_teamMachineToken),
            _ => ClientWith(_otherMachineToken),
        };
        var body = new { name = Unique("x"), issuer = Issuers.Primary.IssuerId, subject = "s" };

        await (await client.GetAsync(Path())).ShouldBeProblemAsync(status, errorCode);
        await (await client.PostAsJsonAsync(Path(), body)).ShouldBeProblemAsync(status, errorCode);
        await (await client.PatchAsJsonAsync($"{Path()}/{existing.Id}", new { description = "pwned" })).ShouldBeProblemAsync(status, errorCode);
        await (await client.DeleteAsync($"{Path()}/{existing.Id}")).ShouldBeProblemAsync(status, errorCode);

        (await Factory.WithDbAsync(db => db.MachineIdentities.AsNoTracking().SingleAsync(m => m.Id == existing.Id)))
            .Description.ShouldBe("Seeded by a test");
    }

    [Test]
    public async Task An_unknown_team_is_a_404_even_for_an_admin()
    {
        await (await ClientFor(_admin).GetAsync("/api/v1/teams/no-such-team/machine-identities"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "team.not_found");
    }

    [Test]
    public async Task Anonymous_callers_get_401()
    {
        await (await Anonymous().GetAsync(Path())).ShouldBeUnauthorizedAsync("auth.unauthenticated", invalidToken: false);
    }

    [Test]
    public async Task An_identity_of_another_team_is_not_found_through_this_team()
    {
        var foreign = await Factory.SeedMachineIdentityAsync(_otherTeam, Issuers.Primary, Unique("foreign"));

        await (await ClientFor(_admin).PatchAsJsonAsync($"{Path()}/{foreign.Id}", new { description = "x" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "machine_identity.not_found");
        await (await ClientFor(_admin).DeleteAsync($"{Path()}/{foreign.Id}"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "machine_identity.not_found");
    }

    [Test]
    public async Task Names_are_unique_within_a_team()
    {
        var name = Unique("dup");
        var body = new { name, issuer = Issuers.Primary.IssuerId, subject = "client-1" };
        (await ClientFor(_admin).PostAsJsonAsync(Path(), body)).StatusCode.ShouldBe(HttpStatusCode.Created);

        await (await ClientFor(_admin).PostAsJsonAsync(Path(), body))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "machine_identity.duplicate_name");
        // The same name in another team is fine (with its own subject: two live identities never share one).
        (await ClientFor(_admin).PostAsJsonAsync($"/api/v1/teams/{_otherTeam.Name}/machine-identities", body with { subject = "client-2" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Test]
    public async Task The_issuer_must_be_a_trusted_one()
    {
        await (await ClientFor(_admin).PostAsJsonAsync(Path(), new { name = Unique("x"), issuer = Issuers.Untrusted.IssuerId, subject = "s" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "machine_identity.issuer_not_trusted");
    }

    [Test]
    public async Task Only_one_trailing_slash_is_ignored_in_the_issuer()
    {
        // Accepted before as "trusted" (every trailing slash was trimmed) although no token could ever match it,
        // since resolution looks an issuer up with and without one slash: one rule now, in one place.
        await (await ClientFor(_admin).PostAsJsonAsync(Path(), new { name = Unique("x"), issuer = Issuers.Secondary.IssuerId + "//", subject = "s" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "machine_identity.issuer_not_trusted");
    }

    [Test]
    public async Task An_identity_created_through_the_api_lets_its_token_in_even_with_a_trailing_slash_on_the_issuer()
    {
        var clientId = Unique("svc");
        (await ClientFor(_maintainer).PostAsJsonAsync(Path(), new
        {
            name = Unique("svc"),
            issuer = Issuers.Secondary.IssuerId + "/",
            subject = clientId,
        })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var me = await ClientWith(Issuers.Secondary.ClientCredentialsToken(clientId)).GetAsync("/api/v1/me");

        me.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [TestCase("POST", "{not json")]
    [TestCase("POST", "")]
    [TestCase("POST", "[]")]
    [TestCase("POST", "{}")]
    [TestCase("POST", """{"name":"x","issuer":"ISSUER","subject":""}""")]
    [TestCase("POST", """{"name":"","issuer":"ISSUER","subject":"s"}""")]
    [TestCase("POST", """{"name":"x","issuer":"ISSUER","subject":"s","claimConditions":{"repository_owner_id":123}}""")]
    [TestCase("POST", """{"name":"x","issuer":"ISSUER","subject":"s","claimConditions":{"repository_owner_id":""}}""")]
    [TestCase("POST", """{"name":"x","issuer":"ISSUER","subject":"s","claimConditions":{" ":"v"}}""")]
    [TestCase("POST", """{"name":"x","issuer":"ISSUER","subject":"s","claimConditions":["a"]}""")]
    [TestCase("POST", """{"name":"x","issuer":"ISSUER","subject":"s","singleUseTokens":"yes"}""")]
    [TestCase("PATCH", "{}")]
    [TestCase("PATCH", "{not json")]
    [TestCase("PATCH", """{"isActive":1}""")]
    [TestCase("PATCH", """{"name":""}""")]
    [TestCase("PATCH_BAD_ID", """{"name":"x"}""")]
    [TestCase("DELETE_BAD_ID", null)]
    public async Task Malformed_bodies_and_parameters_get_a_400_problem(string method, string? body)
    {
        var existing = await Factory.SeedMachineIdentityAsync(_team, Issuers.Primary, Unique("target"));
        var path = method switch
        {
            "POST" => Path(),
            "PATCH" => $"{Path()}/{existing.Id}",
            _ => $"{Path()}/not-a-guid",
        };
        var request = new HttpRequestMessage(new HttpMethod(method.Split('_')[0]), path);
        if (body is not null)
        {
            request.Content = new StringContent(body.Replace("ISSUER", Issuers.Primary.IssuerId, StringComparison.Ordinal), Encoding.UTF8, "application/json");
        }

        await (await ClientFor(_admin).SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task More_than_twenty_claim_conditions_are_refused()
    {
        var conditions = Enumerable.Range(0, 21).ToDictionary(i => $"claim_{i}", i => "v");

        await (await ClientFor(_admin).PostAsJsonAsync(Path(), new { name = Unique("x"), issuer = Issuers.Primary.IssuerId, subject = "s", claimConditions = conditions }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
    }

    private string Path() => $"/api/v1/teams/{_team.Name}/machine-identities";
}
