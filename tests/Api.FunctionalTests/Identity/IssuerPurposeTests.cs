using System.Net;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Api.FunctionalTests.Identity;

/// <summary>
/// <c>Authentication:Issuers:N:Purpose</c>: Primary is for users only, GitHubActions for machines only, Secondary
/// both; auto-provisioning is on, and still never turns a machine issuer's token (or a machine's subject) into a user.
/// </summary>
public sealed class IssuerPurposeTests : FunctionalTestBase
{
    protected override ApiFactoryOptions FactoryOptions => new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["Authentication:AutoProvisionUsers"] = "true",
            ["Authentication:Issuers:0:Purpose"] = "Users",
            ["Authentication:Issuers:2:Purpose"] = "Machines",
        },
    };

    [Test]
    public async Task A_users_only_issuer_cannot_back_a_machine_identity()
    {
        var team = await Factory.SeedTeamAsync(Unique("infra"));
        var admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);

        var response = await ClientFor(admin).PostAsJsonAsync($"/api/v1/teams/{team.Name}/machine-identities", new
        {
            name = Unique("bot"),
            issuer = Issuers.Primary.IssuerId,
            subject = Unique("client"),
        });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "machine_identity.issuer_not_for_machines");
    }

    [Test]
    public async Task A_machines_only_issuers_token_never_becomes_a_user()
    {
        var actions = new GitHubActionsClaims { Repository = $"acme/{Unique("repo")}" };

        var response = await ClientWith(Issuers.GitHubActions.GitHubActionsToken(actions)).GetAsync("/api/v1/me");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.unknown");
        (await Factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Subject == actions.Subject))).ShouldBeFalse();
    }

    [Test]
    public async Task A_machine_identitys_subject_is_not_auto_provisioned_as_a_user_when_its_conditions_fail()
    {
        var team = await Factory.SeedTeamAsync(Unique("infra"));
        var clientId = Unique("client");
        await Factory.SeedMachineIdentityAsync(team, Issuers.Secondary, clientId, new Dictionary<string, string> { ["azp"] = "someone-else" });

        var response = await ClientWith(Issuers.Secondary.ClientCredentialsToken(clientId)).GetAsync("/api/v1/me");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.unknown");
        (await Factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Subject == clientId))).ShouldBeFalse();
    }

    [Test]
    public async Task Users_of_a_users_issuer_are_still_provisioned()
    {
        var subject = Unique("person");
        (await ClientWith(Issuers.Primary.UserToken(subject)).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
