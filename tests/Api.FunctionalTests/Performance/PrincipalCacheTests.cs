using System.Net;
using System.Net.Http.Json;
using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Api.FunctionalTests.Performance;

/// <summary>
/// The per-replica principal cache never outlives a change made on this replica: a membership removal or a
/// deactivation applies to the very next request of a caller whose principal was just cached.
/// </summary>
public sealed class PrincipalCacheTests : FunctionalTestBase
{
    [Test]
    public async Task Removing_a_member_applies_to_their_next_request()
    {
        var admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        var member = await Factory.SeedUserAsync(Unique("member"));
        var team = await Factory.SeedTeamAsync(Unique("cache"));
        await Factory.AddMemberAsync(team, member);
        var client = ClientFor(member); // one token: the second request is served from the cache
        (await client.GetAsync($"/api/v1/runners?team={team.Name}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync($"/api/v1/runners?team={team.Name}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await ClientFor(admin).DeleteAsync($"/api/v1/teams/{team.Name}/members/{member.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await client.GetAsync($"/api/v1/runners?team={team.Name}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Deactivating_a_user_applies_to_their_next_request()
    {
        var admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        var user = await Factory.SeedUserAsync(Unique("user"));
        var client = ClientFor(user);
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await ClientFor(admin).PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { isActive = false })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
