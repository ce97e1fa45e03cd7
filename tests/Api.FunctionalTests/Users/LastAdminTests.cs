using System.Net;
using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Api.FunctionalTests.Users;

/// <summary>The last active admin cannot step down (own fixture: it needs a database with exactly one admin).</summary>
public sealed class LastAdminTests : FunctionalTestBase
{
    [Test]
    public async Task The_last_active_admin_cannot_be_demoted_or_deactivated_but_can_once_another_exists()
    {
        var root = await Factory.SeedUserAsync(Unique("root"), isAdmin: true);
        await Factory.SeedUserAsync(Unique("retired"), isAdmin: true, isActive: false);
        var client = ClientFor(root);

        await (await client.PatchAsJsonAsync($"/api/v1/users/{root.Id}", new { isAdmin = false }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "user.last_admin");
        await (await client.PatchAsJsonAsync($"/api/v1/users/{root.Id}", new { isActive = false }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "user.last_admin");
        await (await client.PatchAsJsonAsync($"/api/v1/users/{root.Id}", new { displayName = "Still root", isAdmin = false }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "user.last_admin");
        (await Factory.WithDbAsync(db => Task.FromResult(db.AuditEvents.Count()))).ShouldBe(0, "refused changes are not applied");

        var deputy = await Factory.SeedUserAsync(Unique("deputy"), isAdmin: true);
        (await client.PatchAsJsonAsync($"/api/v1/users/{root.Id}", new { isAdmin = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await ClientFor(deputy).PatchAsJsonAsync($"/api/v1/users/{deputy.Id}", new { isActive = false }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "user.last_admin");
    }
}
