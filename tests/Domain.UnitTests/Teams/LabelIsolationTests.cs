using RunnerTokens.Domain.Teams;
using static RunnerTokens.Domain.UnitTests.Teams.PolicyBuilder;

namespace RunnerTokens.Domain.UnitTests.Teams;

public sealed class LabelIsolationTests
{
    private static (Team Team, LabelPolicy Policy) TeamWith(string name, string[] required, string organization = "acme", bool active = true, string[]? patterns = null)
    {
        var team = Team.Create(name, "", organization, Now).Value;
        if (!active)
        {
            team.Deactivate("gone", "test", Now).IsSuccess.ShouldBeTrue();
        }

        return (team, Policy(Settings(required: required, patterns: patterns), team.Id));
    }

    [Test]
    public void Another_active_teams_required_labels_are_reserved()
    {
        var (a, policyA) = TeamWith("team-a", ["team-a"]);
        var b = TeamWith("team-b", ["team-b", "gpu-b"]);

        var reserved = LabelIsolation.ReservedFor(a, policyA, [b]);

        reserved.OrderBy(l => l).ShouldBe(["gpu-b", "team-b"]);
    }

    [Test]
    public void Reserved_labels_compare_ignoring_case()
    {
        var (a, policyA) = TeamWith("team-a", ["team-a"]);
        var b = TeamWith("team-b", ["Team-B"]);

        LabelIsolation.ReservedFor(a, policyA, [b]).Contains("TEAM-b").ShouldBeTrue();
    }

    [Test]
    public void The_teams_own_required_labels_are_not_reserved_even_when_another_team_requires_them()
    {
        var (a, policyA) = TeamWith("team-a", ["shared", "team-a"]);
        var b = TeamWith("team-b", ["SHARED", "team-b"]);

        LabelIsolation.ReservedFor(a, policyA, [b]).ShouldBe(["team-b"]);
    }

    [Test]
    public void The_team_itself_in_the_list_reserves_nothing()
    {
        var (a, policyA) = TeamWith("team-a", ["team-a"]);

        LabelIsolation.ReservedFor(a, policyA, [(a, Policy(Settings(required: ["other"]), a.Id))]).ShouldBeEmpty();
    }

    [Test]
    public void A_deactivated_team_reserves_nothing()
    {
        var (a, policyA) = TeamWith("team-a", ["team-a"]);
        var b = TeamWith("team-b", ["team-b"], active: false);

        LabelIsolation.ReservedFor(a, policyA, [b]).ShouldBeEmpty();
    }

    [Test]
    public void A_team_of_another_organization_reserves_nothing_but_the_organization_compares_ignoring_case()
    {
        var (a, policyA) = TeamWith("team-a", ["team-a"]);
        var elsewhere = TeamWith("team-b", ["team-b"], organization: "other-org");
        var sameOrg = TeamWith("team-c", ["team-c"], organization: "ACME");

        LabelIsolation.ReservedFor(a, policyA, [elsewhere, sameOrg]).ShouldBe(["team-c"]);
    }

    [Test]
    public void A_policy_paired_with_the_wrong_team_is_skipped()
    {
        var (a, policyA) = TeamWith("team-a", ["team-a"]);
        var (b, _) = TeamWith("team-b", ["team-b"]);
        var (_, policyC) = TeamWith("team-c", ["team-c"]);

        LabelIsolation.ReservedFor(a, policyA, [(b, policyC)]).ShouldBeEmpty();
    }

    private static IEnumerable<TestCaseData> AdmissionCases()
    {
        // (patterns, requested, reserved, expected labels or null, expected violation codes)
        yield return new TestCaseData(new[] { ".*" }, new[] { "team-b" }, new[] { "team-b" }, null, new[] { "label.reserved_by_other_team" })
            .SetName("a catch-all pattern does not admit another team's label");
        yield return new TestCaseData(new[] { "team-.*" }, new[] { "TEAM-B" }, new[] { "team-b" }, null, new[] { "label.reserved_by_other_team" })
            .SetName("another team's label in another case");
        yield return new TestCaseData(new[] { "team-b" }, new[] { "team-b" }, new[] { "team-b" }, null, new[] { "label.reserved_by_other_team" })
            .SetName("even a pattern naming the label exactly");
        yield return new TestCaseData(new[] { ".*" }, new[] { "gpu", "team-b" }, new[] { "team-b" }, null, new[] { "label.reserved_by_other_team" })
            .SetName("one reserved label refuses the whole request");
        yield return new TestCaseData(Array.Empty<string>(), new[] { "team-b" }, new[] { "team-b" }, null, new[] { "label.reserved_by_other_team" })
            .SetName("reserved is reported rather than not allowed");
        yield return new TestCaseData(new[] { ".*" }, new[] { "self-hosted" }, new[] { "self-hosted" }, null, new[] { "label.reserved_by_github" })
            .SetName("GitHub's own label is still reported as GitHub's");
        yield return new TestCaseData(new[] { ".*" }, new[] { "gpu" }, new[] { "team-b" }, new[] { "team-a", "gpu" }, Array.Empty<string>())
            .SetName("labels nobody reserves are admitted");
        yield return new TestCaseData(new[] { ".*" }, new[] { "team-a" }, new[] { "team-a" }, new[] { "team-a" }, Array.Empty<string>())
            .SetName("the team's own required label is never refused");
        yield return new TestCaseData(new[] { ".*" }, new[] { "team-b", "TEAM-B" }, new[] { "team-b" }, null, new[] { "label.reserved_by_other_team" })
            .SetName("the same reserved label twice is reported once");
    }

    [TestCaseSource(nameof(AdmissionCases))]
    public void Admission_refuses_labels_reserved_by_other_teams(string[] patterns, string[] requested, string[] reserved, string[]? expected, string[] violations)
    {
        var policy = Policy(Settings(required: ["team-a"], patterns: patterns));

        var decision = AdmissionPolicy.Evaluate(policy, requested, null, 0, new HashSet<string>(reserved, Labels.Comparer));

        if (expected is not null)
        {
            decision.Violations.ShouldBeEmpty();
            decision.Admission!.Labels.ShouldBe(expected);
        }
        else
        {
            decision.IsAdmitted.ShouldBeFalse();
            decision.Violations.Select(v => v.Code).ShouldBe(violations);
            AdmissionErrors.For(decision).Code.ShouldBe("runner.label_not_allowed");
        }
    }

    [Test]
    public void The_violation_names_the_label()
    {
        var decision = AdmissionPolicy.Evaluate(Policy(patterns: [".*"]), ["team-b"], null, 0, new HashSet<string>(["team-b"], Labels.Comparer));

        var violation = decision.Violations.Single();
        violation.Label.ShouldBe("team-b");
        violation.Kind.ShouldBe(AdmissionViolationKind.Label);
    }

    [Test]
    public void A_team_passes_the_reserved_labels_through()
    {
        var (a, policyA) = TeamWith("team-a", ["team-a"], patterns: [".*"]);

        var result = a.Admit(policyA, ["team-b"], null, 0, new HashSet<string>(["team-b"], Labels.Comparer));

        result.Error!.Code.ShouldBe("runner.label_not_allowed");
    }
}
