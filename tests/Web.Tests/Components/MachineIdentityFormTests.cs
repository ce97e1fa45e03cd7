using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Identity;
using RunnerTokens.Application.MachineIdentities;
using RunnerTokens.Application.MachineIdentities.CreateMachineIdentity;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Web.MachineIdentities;

namespace RunnerTokens.Web.Tests.Components;

public sealed class MachineIdentityFormTests : DashboardComponentTest
{
    [SetUp]
    public void TrustGitHubActions() =>
        Context.Services.GetRequiredService<IOptions<PrincipalOptions>>().Value.Issuers.Add(
            new IssuerTrust(GitHubActionsConditions.Issuer, IssuerPurpose.Machines, RequiredClaimConditions: ["repository_owner_id"]));

    [Test]
    public void The_helper_builds_github_actions_conditions_and_the_subject_of_a_branch()
    {
        var helper = new GitHubActionsConditions(" acme ", "infra", "main", OwnerId: "123");

        helper.Subject.ShouldBe("repo:acme/infra:ref:refs/heads/main");
        helper.Conditions.ShouldBe(new Dictionary<string, string>
        {
            ["repository_owner"] = "acme",
            ["repository_owner_id"] = "123",
            ["repository"] = "acme/infra",
            ["ref"] = "refs/heads/main",
        });
        helper.MissingOf(["repository_owner_id", "repository_id"]).ShouldBe(["repository_id"]);
    }

    [Test]
    public void The_helper_takes_owner_slash_name_a_full_ref_and_wildcard_branches()
    {
        var helper = new GitHubActionsConditions(null, "acme/infra", "refs/heads/release/*");

        helper.Conditions["repository_owner"].ShouldBe("acme");
        helper.Conditions["repository"].ShouldBe("acme/infra");
        helper.Conditions["ref"].ShouldBe("refs/heads/release/*");
        helper.Subject.ShouldBeNull("a wildcard branch has no single exact subject");
        new GitHubActionsConditions("acme", null, null).Conditions.Keys.ShouldBe(["repository_owner"]);
    }

    [Test]
    public void The_form_applies_the_helper_warns_of_required_claims_and_creates_with_the_conditions()
    {
        Sender.On<CreateMachineIdentityCommand>(c => Result.Success(new MachineIdentityDto(
            Guid.NewGuid(), WebTeamId, c.Team, c.Name!, c.Description ?? "", c.Issuer!, c.Subject!, c.ClaimConditions!, c.SingleUseTokens, true, Guid.NewGuid(), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow)));
        MachineIdentityDto? created = null;
        var form = Context.Render<MachineIdentityForm>(p => p
            .Add(f => f.Team, "web")
            .Add(f => f.OnCreated, (MachineIdentityDto identity) => created = identity));

        form.Find("[data-testid=identity-name]").Change("deploy");
        form.Find("[data-testid=gh-owner]").Input("acme");
        form.Find("[data-testid=gh-repository]").Input("web");
        form.Find("[data-testid=gh-branch]").Input("main");
        form.Find("[data-testid=gh-apply]").Click();

        form.Find("[data-testid=identity-subject]").GetAttribute("value").ShouldBe("repo:acme/web:ref:refs/heads/main");
        Conditions(form).ShouldBe(["repository_owner=acme", "repository=acme/web", "ref=refs/heads/main"]);
        form.Find("[data-testid=required-missing]").TextContent.ShouldContain("repository_owner_id");

        form.Find("[data-testid=gh-owner-id]").Input("123");
        form.Find("[data-testid=gh-apply]").Click();
        form.FindAll("[data-testid=required-missing]").ShouldBeEmpty();
        form.Find("[data-testid=identity-create]").Click();

        var sent = Sender.Sent.OfType<CreateMachineIdentityCommand>().Single();
        sent.Team.ShouldBe("web");
        sent.Issuer.ShouldBe(GitHubActionsConditions.Issuer);
        sent.Subject.ShouldBe("repo:acme/web:ref:refs/heads/main");
        sent.ClaimConditions.ShouldBe(new Dictionary<string, string>
        {
            ["repository_owner"] = "acme",
            ["repository"] = "acme/web",
            ["ref"] = "refs/heads/main",
            ["repository_owner_id"] = "123",
        });
        created.ShouldNotBeNull();
    }

    [Test]
    public void A_refusal_shows_the_problem()
    {
        Sender.On<CreateMachineIdentityCommand>(_ => Result<MachineIdentityDto>.Failure(MachineIdentityErrors.RequiredConditionMissing("repository_owner_id")));
        var form = Context.Render<MachineIdentityForm>(p => p.Add(f => f.Team, "web"));

        form.Find("[data-testid=identity-create]").Click();

        form.Find("[data-testid=problem]").TextContent.ShouldContain("machine_identity.required_condition_missing");
    }

    private static List<string> Conditions(IRenderedComponent<MachineIdentityForm> form) =>
        [.. form.FindAll("[data-testid=condition-row]").Select(row =>
            $"{row.QuerySelector("[data-testid=condition-claim]")!.GetAttribute("value")}={row.QuerySelector("[data-testid=condition-pattern]")!.GetAttribute("value")}")];
}
