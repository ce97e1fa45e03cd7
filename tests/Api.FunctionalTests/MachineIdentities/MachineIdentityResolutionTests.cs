using System.Net;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Identity.GetCurrentPrincipal;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.MachineIdentities;

/// <summary>Client-credentials and GitHub Actions tokens resolving to machine identities (or not).</summary>
public sealed class MachineIdentityResolutionTests : FunctionalTestBase
{
    private Team _team = null!;

    [OneTimeSetUp]
    public async Task Seed() => _team = await Factory.SeedTeamAsync(Unique("infra"));

    [Test]
    public async Task A_client_credentials_token_resolves_to_its_machine_identity_and_team()
    {
        var clientId = Unique("client");
        var identity = await Factory.SeedMachineIdentityAsync(_team, Issuers.Secondary, clientId, name: "deploy-bot");

        var me = await (await ClientWith(Issuers.Secondary.ClientCredentialsToken(clientId)).GetAsync("/api/v1/me"))
            .ShouldBeJsonAsync<CurrentPrincipalDto>();

        me.Kind.ShouldBe(PrincipalKind.Machine);
        me.Id.ShouldBe(identity.Id);
        me.DisplayName.ShouldBe("deploy-bot");
        me.Email.ShouldBeNull();
        me.IsAdmin.ShouldBeFalse();
        me.Teams.ShouldHaveSingleItem().ShouldBe(new CurrentPrincipalTeamDto(_team.Id, _team.Name, TeamAccessLevel.Machine));
    }

    [Test]
    public async Task A_github_actions_token_resolves_when_subject_and_every_claim_condition_hold()
    {
        var actions = new GitHubActionsClaims { Repository = $"acme/{Unique("repo")}" };
        var identity = await Factory.SeedMachineIdentityAsync(_team, Issuers.GitHubActions, actions.Subject, new Dictionary<string, string>
        {
            ["repository_owner_id"] = "123",
            ["repository_id"] = actions.RepositoryId,
            ["job_workflow_ref"] = "acme/ci/.github/workflows/runners.yml@*",
        });

        var me = await (await ClientWith(Issuers.GitHubActions.GitHubActionsToken(actions)).GetAsync("/api/v1/me"))
            .ShouldBeJsonAsync<CurrentPrincipalDto>();

        me.Kind.ShouldBe(PrincipalKind.Machine);
        me.Id.ShouldBe(identity.Id);
        me.Teams.ShouldHaveSingleItem().Id.ShouldBe(_team.Id);
    }

    [Test]
    public async Task A_github_actions_token_with_another_repository_owner_id_is_refused()
    {
        var actions = new GitHubActionsClaims { Repository = $"acme/{Unique("repo")}" };
        await Factory.SeedMachineIdentityAsync(_team, Issuers.GitHubActions, actions.Subject,
            new Dictionary<string, string> { ["repository_owner_id"] = "123" });

        // Same org name and repository path (say, the org was deleted and re-created by someone else): only the id differs.
        var impostor = actions with { RepositoryOwnerId = "999" };
        var response = await ClientWith(Issuers.GitHubActions.GitHubActionsToken(impostor)).GetAsync("/api/v1/me");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.unknown");
        var recorded = await Factory.WithDbAsync(db => db.SecurityEvents.AsNoTracking()
            .Where(e => e.Type == "principal.unknown" && e.DetailsJson.Contains(actions.Repository)).ToListAsync());
        recorded.ShouldHaveSingleItem().DetailsJson.ShouldContain("\"machineIdentityCandidates\":1");
    }

    [Test]
    public async Task A_workflow_outside_the_wildcard_pattern_is_refused()
    {
        var actions = new GitHubActionsClaims { Repository = $"acme/{Unique("repo")}" };
        await Factory.SeedMachineIdentityAsync(_team, Issuers.GitHubActions, actions.Subject,
            new Dictionary<string, string> { ["job_workflow_ref"] = "acme/ci/.github/workflows/runners.yml@refs/heads/*" });

        var ok = await ClientWith(Issuers.GitHubActions.GitHubActionsToken(actions)).GetAsync("/api/v1/me");
        var tag = await ClientWith(Issuers.GitHubActions.GitHubActionsToken(
            actions with { JobWorkflowRef = "acme/ci/.github/workflows/runners.yml@refs/tags/v1" })).GetAsync("/api/v1/me");

        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        await tag.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.unknown");
    }

    [Test]
    public async Task The_same_subject_from_another_issuer_does_not_match()
    {
        var clientId = Unique("client");
        await Factory.SeedMachineIdentityAsync(_team, Issuers.Secondary, clientId);

        await (await ClientWith(Issuers.Primary.ClientCredentialsToken(clientId)).GetAsync("/api/v1/me"))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.unknown");
    }

    [Test]
    public async Task A_deactivated_machine_identity_no_longer_matches()
    {
        var clientId = Unique("client");
        var identity = await Factory.SeedMachineIdentityAsync(_team, Issuers.Secondary, clientId);
        await Factory.WithDbAsync(async db =>
        {
            var tracked = await db.MachineIdentities.SingleAsync(m => m.Id == identity.Id);
            tracked.Deactivate(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });

        await (await ClientWith(Issuers.Secondary.ClientCredentialsToken(clientId)).GetAsync("/api/v1/me"))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.unknown");
    }

    [Test]
    public async Task A_machine_identity_cannot_use_the_users_admin_api()
    {
        var clientId = Unique("client");
        await Factory.SeedMachineIdentityAsync(_team, Issuers.Secondary, clientId);

        await (await ClientWith(Issuers.Secondary.ClientCredentialsToken(clientId)).GetAsync("/api/v1/users"))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.admin_required");
    }
}
