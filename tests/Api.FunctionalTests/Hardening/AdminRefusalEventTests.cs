using System.Net;
using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Api.FunctionalTests.Hardening;

/// <summary>An admin-only action refused to a signed-in non-admin leaves a low-severity security event naming them.</summary>
public sealed class AdminRefusalEventTests : FunctionalTestBase
{
    [Test]
    public async Task A_member_calling_an_admin_only_endpoint_gets_403_and_leaves_a_security_event()
    {
        var admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        var member = await Factory.SeedUserAsync(Unique("member"));

        var refused = await ClientFor(member).PostAsync("/api/v1/admin/sync", content: null);

        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.admin_required");
        var events = await (await ClientFor(admin).GetAsync("/api/v1/security-events?type=authorization.admin_required")).ShouldBeJsonAsync();
        var recorded = events.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        recorded.GetProperty("severity").GetString().ShouldBe("low");
        recorded.GetRawText().ShouldContain(member.Id.ToString());
        recorded.GetProperty("details").GetProperty("message").GetString().ShouldNotBeNullOrEmpty();
    }
}
