using RunnerTokens.Domain.Teams;
using static RunnerTokens.Domain.UnitTests.Teams.PolicyBuilder;

namespace RunnerTokens.Domain.UnitTests.Teams;

public sealed class TeamTests
{
    [TestCase("ab")]
    [TestCase("team-a")]
    [TestCase("a1")]
    [TestCase("1a")]
    [TestCase("platform-ci-2")]
    public void Valid_names_create_a_team(string name) =>
        Team.Create(name, "", "acme", Now).IsSuccess.ShouldBeTrue();

    [Test]
    public void A_name_of_63_characters_is_valid() => TeamNames.IsValid(new string('a', 63)).ShouldBeTrue();

    [TestCase("a")]
    [TestCase("")]
    [TestCase("Team-A")]
    [TestCase("-team")]
    [TestCase("team-")]
    [TestCase("team_a")]
    [TestCase("team a")]
    [TestCase("team.a")]
    [TestCase("tëam")]
    public void Invalid_names_are_refused(string name) =>
        Team.Create(name, "", "acme", Now).Error!.Code.ShouldBe("team.invalid_name");

    [Test]
    public void A_name_of_64_characters_is_refused() =>
        Team.Create(new string('a', 64), "", "acme", Now).Error!.Code.ShouldBe("team.invalid_name");

    [TestCase("acme")]
    [TestCase("Acme-Corp")]
    [TestCase("a")]
    [TestCase("a1-b2")]
    public void Valid_organizations_are_accepted(string organization) => GitHubOrganizationNames.IsValid(organization).ShouldBeTrue();

    [TestCase("")]
    [TestCase("-acme")]
    [TestCase("acme-")]
    [TestCase("ac--me")]
    [TestCase("ac_me")]
    [TestCase("ac me")]
    [TestCase("a234567890123456789012345678901234567890")]
    public void Invalid_organizations_are_refused(string organization) =>
        Team.Create("team-a", "", organization, Now).Error!.Code.ShouldBe("team.invalid_organization");

    [Test]
    public void A_new_team_is_active_with_its_description_trimmed()
    {
        var team = Team.Create("team-a", "  Platform runners ", "acme", Now).Value;

        team.IsActive.ShouldBeTrue();
        team.Description.ShouldBe("Platform runners");
        team.CreatedAt.ShouldBe(Now);
    }

    [Test]
    public void A_description_has_at_most_1000_characters()
    {
        Team.Create("team-a", new string('d', 1001), "acme", Now).Error!.Code.ShouldBe("team.invalid_description");
        var team = NewTeam();
        team.UpdateDescription(new string('d', 1001), Now).Error!.Code.ShouldBe("team.invalid_description");
        team.UpdateDescription(new string('d', 1000), Now.AddMinutes(1)).IsSuccess.ShouldBeTrue();
        team.UpdatedAt.ShouldBe(Now.AddMinutes(1));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Deactivation_needs_a_reason(string? reason)
    {
        var team = NewTeam();

        team.Deactivate(reason, "admin", Now).Error!.Code.ShouldBe("team.deactivation_reason_required");
        team.IsActive.ShouldBeTrue();
    }

    [Test]
    public void Deactivation_records_reason_actor_and_time()
    {
        var team = NewTeam();

        team.Deactivate(" budget ", "admin-1", Now.AddDays(1)).IsSuccess.ShouldBeTrue();

        team.IsActive.ShouldBeFalse();
        team.DeactivationReason.ShouldBe("budget");
        team.DeactivatedBy.ShouldBe("admin-1");
        team.DeactivatedAt.ShouldBe(Now.AddDays(1));
        team.Deactivate("again", "admin-1", Now).Error!.Code.ShouldBe("team.already_deactivated");
    }

    [Test]
    public void Reactivation_clears_the_deactivation()
    {
        var team = NewTeam();
        team.Reactivate(Now).Error!.Code.ShouldBe("team.not_deactivated");
        team.Deactivate("budget", "admin-1", Now);

        team.Reactivate(Now.AddDays(2)).IsSuccess.ShouldBeTrue();

        team.IsActive.ShouldBeTrue();
        team.DeactivationReason.ShouldBeNull();
        team.DeactivatedBy.ShouldBeNull();
        team.DeactivatedAt.ShouldBeNull();
    }

    [Test]
    public void An_active_team_admits_what_its_policy_admits()
    {
        var team = NewTeam();
        var policy = Policy(Settings(required: ["team-a"]), team.Id);

        var result = team.Admit(policy, ["team-a"], null, 0);

        result.Value.ShouldBe(new Admission(result.Value.Labels, 1, policy.Id, 1));
        result.Value.Labels.ShouldBe(["team-a"]);
    }

    [Test]
    public void A_deactivated_team_admits_nothing_and_says_why_first()
    {
        var team = NewTeam();
        var policy = Policy(Settings(max: 1), team.Id);
        team.Deactivate("budget", "admin", Now);

        var decision = team.Evaluate(policy, [], null, 5);
        var result = team.Admit(policy, [], null, 0);

        decision.Violations.Select(v => v.Code).ShouldBe(["team.deactivated", "quota.exceeded"]);
        result.Error!.Code.ShouldBe("team.deactivated");
        result.Error.Type.ShouldBe(RunnerTokens.Domain.Common.ErrorType.Forbidden);
    }

    [Test]
    public void Evaluating_another_team_s_policy_is_a_bug() =>
        Should.Throw<InvalidOperationException>(() => NewTeam().Evaluate(Policy(), [], null, 0));

    private static Team NewTeam() => Team.Create("team-a", "", "acme", Now).Value;
}
