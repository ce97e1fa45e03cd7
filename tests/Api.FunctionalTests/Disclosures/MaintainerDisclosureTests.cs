using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.Disclosures;

/// <summary>
/// Issue 9, section 5 (disclosures): a maintainer adding a member learns only what the member list shows, and
/// actors' IP addresses and user agents in a team's audit trail are for its maintainers (and admins), not its
/// plain members.
/// </summary>
public sealed class MaintainerDisclosureTests : FunctionalTestBase
{
    private const string MaintainerAgent = "maintainer-laptop/1.0";

    private SeededUser _admin = null!;
    private SeededUser _maintainer = null!;
    private SeededUser _member = null!;
    private Team _team = null!;

    [OneTimeSetUp]
    public async Task Seed()
    {
        _admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        _maintainer = await Factory.SeedUserAsync(Unique("maint"));
        _member = await Factory.SeedUserAsync(Unique("member"));
        _team = await Factory.SeedTeamAsync(Unique("disc"));
        await Factory.AddMemberAsync(_team, _maintainer, TeamRole.Maintainer);
        await Factory.AddMemberAsync(_team, _member);
    }

    [Test]
    public async Task Adding_a_deactivated_user_answers_a_maintainer_exactly_like_an_unknown_id()
    {
        var deactivated = await Factory.SeedUserAsync(Unique("gone"), isActive: false);
        var maintainer = ClientFor(_maintainer);

        var unknown = await maintainer.PutAsJsonAsync($"/api/v1/teams/{_team.Name}/members/{Guid.NewGuid()}", new { role = "member" });
        var ineligible = await maintainer.PutAsJsonAsync($"/api/v1/teams/{_team.Name}/members/{deactivated.Id}", new { role = "member" });

        var unknownProblem = await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");
        var ineligibleProblem = await ineligible.ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");
        WithoutTrace(ineligibleProblem).ShouldBe(WithoutTrace(unknownProblem));
        (await Factory.WithDbAsync(db => db.TeamMemberships.AnyAsync(m => m.UserId == deactivated.Id))).ShouldBeFalse();

        // Admins read every user anyway: they may still add one (for example before reactivating them).
        (await ClientFor(_admin).PutAsJsonAsync($"/api/v1/teams/{_team.Name}/members/{deactivated.Id}", new { role = "member" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Adding_a_member_answers_with_exactly_what_the_member_list_shows_of_them()
    {
        var newcomer = await Factory.SeedUserAsync(Unique("newbie"));
        await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == newcomer.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsAdmin, true)));

        var added = await (await ClientFor(_maintainer).PutAsJsonAsync($"/api/v1/teams/{_team.Name}/members/{newcomer.Id}", new { role = "member" }))
            .ShouldBeJsonAsync();

        var listed = (await (await ClientFor(_member).GetAsync($"/api/v1/teams/{_team.Name}/members?limit=100")).ShouldBeJsonAsync())
            .GetProperty("items").EnumerateArray()
            .Single(m => m.GetProperty("userId").GetString() == newcomer.Id.ToString());
        // The same fields with the same values (the time as stored: the database may round its last digits).
        added.EnumerateObject().Select(p => p.Name).ShouldBe(listed.EnumerateObject().Select(p => p.Name));
        foreach (var field in added.EnumerateObject().Where(p => p.Name != "addedAt"))
        {
            field.Value.GetRawText().ShouldBe(listed.GetProperty(field.Name).GetRawText(), field.Name);
        }

        (added.GetProperty("addedAt").GetDateTimeOffset() - listed.GetProperty("addedAt").GetDateTimeOffset()).Duration()
            .ShouldBeLessThan(TimeSpan.FromMilliseconds(1));
    }

    [Test]
    public async Task Actors_ip_and_user_agent_are_shown_to_maintainers_and_admins_but_not_to_plain_members()
    {
        var maintainer = ClientFor(_maintainer);
        maintainer.DefaultRequestHeaders.UserAgent.ParseAdd(MaintainerAgent);
        var target = await Factory.SeedUserAsync(Unique("target"));
        (await maintainer.PutAsJsonAsync($"/api/v1/teams/{_team.Name}/members/{target.Id}", new { role = "member" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var path = $"/api/v1/audit-events?team={_team.Name}&action=team.member_added&targetId={_team.Id}/{target.Id}";
        var stored = await Factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.TargetId == $"{_team.Id}/{target.Id}"));
        stored.UserAgent.ShouldBe(MaintainerAgent);

        foreach (var reader in new[] { _maintainer, _admin })
        {
            var seen = await SingleEventAsync(ClientFor(reader), path);
            seen.GetProperty("userAgent").GetString().ShouldBe(MaintainerAgent, reader.Subject);
            seen.GetProperty("clientIp").GetString().ShouldBe(stored.ClientIp, reader.Subject);
        }

        var asMember = await SingleEventAsync(ClientFor(_member), path);
        asMember.GetProperty("userAgent").ValueKind.ShouldBe(JsonValueKind.Null);
        asMember.GetProperty("clientIp").ValueKind.ShouldBe(JsonValueKind.Null);
        asMember.GetProperty("actorId").GetString().ShouldBe(_maintainer.Id.ToString(), "members still see who did it");
    }

    private static async Task<JsonElement> SingleEventAsync(HttpClient client, string path) =>
        (await (await client.GetAsync(path)).ShouldBeJsonAsync()).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();

    private static string WithoutTrace(JsonElement problem) =>
        JsonSerializer.Serialize(problem.EnumerateObject()
            .Where(p => p.Name is not ("traceId" or "instance"))
            .ToDictionary(p => p.Name, p => p.Value.GetRawText()));
}
