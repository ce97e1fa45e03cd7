using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Application.Identity.GetCurrentPrincipal;
using RunnerTokens.Application.Users;

namespace RunnerTokens.Api.FunctionalTests.Identity;

/// <summary>Auto-provisioning and bootstrap admins (their own configuration, so their own API).</summary>
public sealed class ProvisioningTests : FunctionalTestBase
{
    private const string BootstrapEmail = "root-admin@example.com";
    private const string BootstrapSubject = "bootstrap-by-subject";

    protected override ApiFactoryOptions FactoryOptions => new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["Authentication:AutoProvisionUsers"] = "true",
            ["Authorization:BootstrapAdmins:0"] = $"email:{BootstrapEmail.ToUpperInvariant()}",
            ["Authorization:BootstrapAdmins:1"] = $"sub:{TestIssuerServer.Shared.Secondary.IssuerId}|{BootstrapSubject}",
        },
    };

    [Test]
    public async Task With_auto_provisioning_an_unknown_person_becomes_an_active_non_admin_user_without_teams()
    {
        var subject = Unique("newbie");

        var me = await (await ClientWith(Issuers.Primary.UserToken(subject, $"{subject}@example.com", "New Bie")).GetAsync("/api/v1/me"))
            .ShouldBeJsonAsync<CurrentPrincipalDto>();

        me.IsAdmin.ShouldBeFalse();
        me.Teams.ShouldBeEmpty();
        me.DisplayName.ShouldBe("New Bie");
        me.Email.ShouldBe($"{subject}@example.com");
        var user = await Factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Subject == subject));
        user.IsActive.ShouldBeTrue();
        user.Issuer.ShouldBe(Issuers.Primary.IssuerId);
        var audit = await Factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.TargetId == user.Id.ToString()).ToListAsync());
        var provisioned = audit.ShouldHaveSingleItem();
        provisioned.Action.ShouldBe("user.auto_provisioned");
        using var details = JsonDocument.Parse(provisioned.DetailsJson);
        details.RootElement.GetProperty("after").GetProperty("isAdmin").GetBoolean().ShouldBeFalse();
    }

    [Test]
    public async Task Concurrent_first_requests_of_one_person_create_one_user()
    {
        var subject = Unique("racer");
        var token = Issuers.Primary.UserToken(subject, $"{subject}@example.com");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ClientWith(token).GetAsync("/api/v1/me")));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        (await Factory.WithDbAsync(db => db.Users.CountAsync(u => u.Subject == subject))).ShouldBe(1);
    }

    [Test]
    public async Task A_bootstrap_admin_by_email_becomes_admin_on_first_token_and_it_is_audited()
    {
        var me = await (await ClientWith(Issuers.Primary.UserToken(Unique("root"), BootstrapEmail)).GetAsync("/api/v1/me"))
            .ShouldBeJsonAsync<CurrentPrincipalDto>();

        me.IsAdmin.ShouldBeTrue();
        var audit = await Factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.TargetId == me.Id.ToString()).ToListAsync());
        audit.ShouldHaveSingleItem().Action.ShouldBe("user.admin_bootstrapped");
    }

    [Test]
    public async Task A_bootstrap_admin_by_issuer_and_subject_becomes_admin()
    {
        var me = await (await ClientWith(Issuers.Secondary.UserToken(BootstrapSubject)).GetAsync("/api/v1/me"))
            .ShouldBeJsonAsync<CurrentPrincipalDto>();

        me.IsAdmin.ShouldBeTrue();
    }

    [Test]
    public async Task The_same_subject_at_another_issuer_is_not_a_bootstrap_admin()
    {
        var me = await (await ClientWith(Issuers.Primary.UserToken(BootstrapSubject)).GetAsync("/api/v1/me"))
            .ShouldBeJsonAsync<CurrentPrincipalDto>();

        me.IsAdmin.ShouldBeFalse();
    }

    [Test]
    public async Task A_pre_registered_user_matching_a_bootstrap_rule_is_made_admin_at_first_sign_in_only()
    {
        var admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        var subject = Unique("boot");
        var ruleFactory = new RunnerTokensApiFactory(FactoryOptions with
        {
            Settings = new Dictionary<string, string?> { ["Authorization:BootstrapAdmins:0"] = $"sub:{Issuers.Primary.IssuerId}|{subject}" },
        });
        await using (ruleFactory)
        {
            var seededAdmin = await ruleFactory.SeedUserAsync(admin.Subject, isAdmin: true);
            var created = await (await ruleFactory.ClientFor(seededAdmin)
                    .PostAsJsonAsync("/api/v1/users", new { issuer = Issuers.Primary.IssuerId, subject }))
                .ShouldBeJsonAsync<UserDto>(HttpStatusCode.Created);
            created.IsAdmin.ShouldBeFalse();

            var first = await (await ruleFactory.CreateClient(Issuers.Primary.UserToken(subject)).GetAsync("/api/v1/me"))
                .ShouldBeJsonAsync<CurrentPrincipalDto>();
            first.IsAdmin.ShouldBeTrue();

            // Demoted later by another admin: the bootstrap rule does not grant it back.
            (await ruleFactory.ClientFor(seededAdmin).PatchAsJsonAsync($"/api/v1/users/{created.Id}", new { isAdmin = false }))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
            var later = await (await ruleFactory.CreateClient(Issuers.Primary.UserToken(subject)).GetAsync("/api/v1/me"))
                .ShouldBeJsonAsync<CurrentPrincipalDto>();
            later.IsAdmin.ShouldBeFalse();
        }
    }
}
