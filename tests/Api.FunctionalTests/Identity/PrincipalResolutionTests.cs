using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Identity.GetCurrentPrincipal;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.Identity;

/// <summary>
/// How a valid token becomes a user (or is refused) with the default configuration, except that Primary and
/// Secondary vouch for emails (<c>TrustEmail</c>) as a deployment that pre-registers users by email sets them.
/// </summary>
public sealed class PrincipalResolutionTests : FunctionalTestBase
{
    protected override ApiFactoryOptions FactoryOptions => new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["Authentication:Issuers:0:TrustEmail"] = "true",
            ["Authentication:Issuers:1:TrustEmail"] = "true",
        },
    };

    [Test]
    public async Task Me_describes_a_user_with_their_teams_and_roles()
    {
        var alice = await Factory.SeedUserAsync(Unique("alice"));
        var build = await Factory.SeedTeamAsync(Unique("build"));
        var deploy = await Factory.SeedTeamAsync(Unique("deploy"));
        await Factory.SeedTeamAsync(Unique("other"));
        await Factory.AddMemberAsync(build, alice, TeamRole.Maintainer);
        await Factory.AddMemberAsync(deploy, alice, TeamRole.Member);

        var me = await (await ClientFor(alice).GetAsync("/api/v1/me")).ShouldBeJsonAsync<CurrentPrincipalDto>();

        me.Kind.ShouldBe(PrincipalKind.User);
        me.Id.ShouldBe(alice.Id);
        me.DisplayName.ShouldBe(alice.DisplayName);
        me.Email.ShouldBe(alice.Email);
        me.IsAdmin.ShouldBeFalse();
        me.Teams.OrderBy(t => t.Name).ShouldBe(
            new[] { new CurrentPrincipalTeamDto(build.Id, build.Name, TeamAccessLevel.Maintainer), new CurrentPrincipalTeamDto(deploy.Id, deploy.Name, TeamAccessLevel.Member) }
                .OrderBy(t => t.Name));
    }

    [Test]
    public async Task Me_uses_camel_case_and_string_enums_on_the_wire()
    {
        var alice = await Factory.SeedUserAsync(Unique("alice"), isAdmin: true);

        var json = JsonDocument.Parse(await (await ClientFor(alice).GetAsync("/api/v1/me")).Content.ReadAsStringAsync()).RootElement;

        json.GetProperty("kind").GetString().ShouldBe("user");
        json.GetProperty("isAdmin").GetBoolean().ShouldBeTrue();
        json.GetProperty("teams").GetArrayLength().ShouldBe(0);
    }

    [Test]
    public async Task An_unknown_person_gets_403_principal_unknown_and_one_security_event_per_window()
    {
        var subject = Unique("stranger");
        var client = ClientWith(Issuers.Primary.UserToken(subject, $"{subject}@example.com"));

        await (await client.GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.unknown");
        await (await client.GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.unknown");
        await (await client.GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.unknown");

        var events = await SecurityEventsAboutAsync(subject);
        var single = events.ShouldHaveSingleItem("a flood of refusals writes one row per (issuer, subject) per window");
        single.Type.ShouldBe("principal.unknown");
        single.Severity.ShouldBe(SecuritySeverity.Medium);
        (await Factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Subject == subject))).ShouldBeFalse();
    }

    [Test]
    public async Task A_deactivated_user_gets_403_principal_deactivated_and_a_security_event()
    {
        var dave = await Factory.SeedUserAsync(Unique("dave"), isActive: false);

        var response = await ClientFor(dave).GetAsync("/api/v1/me");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.deactivated");
        var recorded = (await SecurityEventsAboutAsync(dave.Subject)).ShouldHaveSingleItem();
        recorded.Type.ShouldBe("principal.deactivated");
        recorded.ActorId.ShouldBe(dave.Id.ToString());
    }

    [Test]
    public async Task A_deactivated_user_is_refused_on_every_endpoint_not_only_me()
    {
        var dave = await Factory.SeedUserAsync(Unique("dave"), isAdmin: true, isActive: false);

        await (await ClientFor(dave).GetAsync("/api/v1/users")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.deactivated");
    }

    [Test]
    public async Task A_user_pre_registered_by_email_is_bound_to_their_identity_at_first_sign_in()
    {
        var subject = Unique("erin");
        var email = $"{subject}@example.com";
        var admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        var created = await ClientFor(admin).PostAsJsonAsync("/api/v1/users", new { email, displayName = "Erin" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        var me = await (await ClientWith(Issuers.Secondary.UserToken(subject, email, "Erin E.")).GetAsync("/api/v1/me"))
            .ShouldBeJsonAsync<CurrentPrincipalDto>();

        var user = await Factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        me.Id.ShouldBe(user.Id);
        user.Issuer.ShouldBe(Issuers.Secondary.IssuerId);
        user.Subject.ShouldBe(subject);
        user.DisplayName.ShouldBe("Erin E.");
        var bound = (await AuditAsync("user.identity_bound", user.Id)).ShouldHaveSingleItem();
        bound.ActorId.ShouldBe(user.Id.ToString());
        using var details = JsonDocument.Parse(bound.DetailsJson);
        details.RootElement.GetProperty("before").GetProperty("subject").ValueKind.ShouldBe(JsonValueKind.Null);
        details.RootElement.GetProperty("after").GetProperty("subject").GetString().ShouldBe(subject);

        // Later requests find the user by (issuer, subject) and write nothing more.
        (await ClientWith(Issuers.Secondary.UserToken(subject, email)).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AuditAsync("user.identity_bound", user.Id)).Count.ShouldBe(1);
    }

    [Test]
    public async Task An_email_marked_unverified_binds_nothing()
    {
        var subject = Unique("frank");
        var email = $"{subject}@example.com";
        var admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        (await ClientFor(admin).PostAsJsonAsync("/api/v1/users", new { email })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = Issuers.Primary.UserToken(subject, email, extraClaims: new Dictionary<string, object> { ["email_verified"] = false });

        await (await ClientWith(token).GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.unknown");

        (await Factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email))).Subject.ShouldBeNull();
    }

    [Test]
    public async Task An_email_already_bound_to_another_identity_is_not_taken_over()
    {
        var alice = await Factory.SeedUserAsync(Unique("alice"));
        var token = Issuers.Secondary.UserToken(Unique("impostor"), alice.Email);

        await (await ClientWith(token).GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.unknown");
    }

    [Test]
    public async Task A_user_pre_registered_by_issuer_and_subject_signs_in_without_binding()
    {
        var subject = Unique("gina");
        var admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        var created = await (await ClientFor(admin).PostAsJsonAsync("/api/v1/users",
                new { issuer = Issuers.Primary.IssuerId, subject }))
            .ShouldBeJsonAsync<RunnerTokens.Application.Users.UserDto>(HttpStatusCode.Created);
        created.LastSeenAt.ShouldBeNull();

        var me = await (await ClientWith(Issuers.Primary.UserToken(subject, name: "Gina")).GetAsync("/api/v1/me"))
            .ShouldBeJsonAsync<CurrentPrincipalDto>();

        me.Id.ShouldBe(created.Id);
        me.DisplayName.ShouldBe("Gina");
        (await Factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == created.Id))).LastSeenAt.ShouldNotBeNull();
    }

    [Test]
    public async Task A_first_sign_in_does_not_copy_an_email_another_user_holds()
    {
        var alice = await Factory.SeedUserAsync(Unique("alice"));
        var subject = Unique("hank");
        var admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        var created = await (await ClientFor(admin).PostAsJsonAsync("/api/v1/users", new { issuer = Issuers.Primary.IssuerId, subject }))
            .ShouldBeJsonAsync<RunnerTokens.Application.Users.UserDto>(HttpStatusCode.Created);

        var me = await (await ClientWith(Issuers.Primary.UserToken(subject, alice.Email)).GetAsync("/api/v1/me"))
            .ShouldBeJsonAsync<CurrentPrincipalDto>();

        me.Id.ShouldBe(created.Id);
        me.Email.ShouldBeNull();
    }

    [Test]
    public async Task A_token_of_an_admins_subject_that_a_machine_identity_also_answers_to_is_neither_admin_nor_machine()
    {
        var subject = Unique("shared");
        await Factory.SeedUserAsync(subject, isAdmin: true);
        var team = await Factory.SeedTeamAsync(Unique("team"));
        await Factory.SeedMachineIdentityAsync(team, Issuers.Primary, subject);

        await (await ClientWith(Issuers.Primary.UserToken(subject)).GetAsync("/api/v1/me"))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.ambiguous");
        await (await ClientWith(Issuers.Primary.UserToken(subject)).GetAsync("/api/v1/users"))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.ambiguous");
    }

    private Task<List<SecurityEvent>> SecurityEventsAboutAsync(string subject) =>
        Factory.WithDbAsync(db => db.SecurityEvents.AsNoTracking().Where(e => e.DetailsJson.Contains(subject)).ToListAsync());

    private Task<List<AuditEvent>> AuditAsync(string action, Guid userId) =>
        Factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == action && e.TargetId == userId.ToString()).ToListAsync());
}
