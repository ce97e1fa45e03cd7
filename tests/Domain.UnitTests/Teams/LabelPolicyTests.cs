using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Teams;
using static RunnerTokens.Domain.UnitTests.Teams.PolicyBuilder;

namespace RunnerTokens.Domain.UnitTests.Teams;

public sealed class LabelPolicyTests
{
    private static IEnumerable<TestCaseData> InvalidSettings()
    {
        yield return Row("reserved required label", Settings(required: ["self-hosted"]), ("requiredLabels[0]", "label.reserved_by_github"));
        yield return Row("required label with a space", Settings(required: ["team a"]), ("requiredLabels[0]", "label.invalid_characters"));
        yield return Row("required label too long", Settings(required: [new string('a', 101)]), ("requiredLabels[0]", "label.too_long"));
        yield return Row("required label twice ignoring case", Settings(required: ["team-a", "TEAM-A"]), ("requiredLabels[1]", "label.duplicate"));
        yield return Row("101 required labels", Settings(required: Numbered("r", 101)), ("requiredLabels", "labels.too_many"));
        yield return Row("pattern that does not compile", Settings(patterns: ["gpu-("]), ("allowedLabelPatterns[0]", "pattern.invalid"));
        yield return Row("pattern with a lookahead", Settings(patterns: ["ok", "(?!x).*"]), ("allowedLabelPatterns[1]", "pattern.unsupported"));
        yield return Row("pattern of 201 characters", Settings(patterns: [new string('p', 201)]), ("allowedLabelPatterns[0]", "pattern.too_long"));
        yield return Row("pattern listed twice", Settings(patterns: ["gpu", "gpu"]), ("allowedLabelPatterns[1]", "pattern.duplicate"));
        yield return Row("51 patterns", Settings(patterns: Numbered("p", 51)), ("allowedLabelPatterns", "pattern.too_many"));
        yield return Row("runner group 0", Settings(groups: [0]), ("allowedRunnerGroupIds[0]", "runner_group.invalid"));
        yield return Row("negative runner group", Settings(groups: [3, -2]), ("allowedRunnerGroupIds[1]", "runner_group.invalid"));
        yield return Row("runner group listed twice", Settings(groups: [3, 3]), ("allowedRunnerGroupIds[1]", "runner_group.duplicate"));
        yield return Row("101 runner groups", Settings(groups: [.. Enumerable.Range(1, 101).Select(i => (long)i)]), ("allowedRunnerGroupIds", "runner_group.too_many"));
        yield return Row("default group 0", Settings(defaultGroup: 0), ("defaultRunnerGroupId", "runner_group.invalid"));
        yield return Row("negative quota", Settings(max: -1), ("maxRunners", "quota.invalid"));
        yield return Row(
            "every problem at once",
            Settings(required: ["linux"], patterns: ["("], groups: [0], defaultGroup: -1, max: -1),
            ("requiredLabels[0]", "label.reserved_by_github"),
            ("allowedLabelPatterns[0]", "pattern.invalid"),
            ("allowedRunnerGroupIds[0]", "runner_group.invalid"),
            ("defaultRunnerGroupId", "runner_group.invalid"),
            ("maxRunners", "quota.invalid"));
    }

    [TestCaseSource(nameof(InvalidSettings))]
    public void Invalid_settings_are_refused_with_every_violation(LabelPolicySettings settings, (string Field, string Code)[] expected)
    {
        var result = LabelPolicy.First(TeamId, settings, "admin", Now);

        result.IsFailure.ShouldBeTrue();
        result.Error.Code.ShouldBe("team.policy_invalid");
        result.Error.Type.ShouldBe(ErrorType.Validation);
        var violations = (IReadOnlyList<LabelPolicyViolation>)result.Error.Details["violations"]!;
        violations.Select(v => (v.Field, v.Code)).ShouldBe(expected);
    }

    [Test]
    public void Null_lists_are_refused_not_thrown()
    {
        var violations = LabelPolicy.Validate(new LabelPolicySettings(null!, null!, null!, null, null, false, false));

        violations.Select(v => v.Field).ShouldBe(["requiredLabels", "allowedLabelPatterns", "allowedRunnerGroupIds"]);
    }

    [Test]
    public void The_default_settings_are_valid_and_restrictive()
    {
        var policy = Policy(LabelPolicySettings.Default);

        policy.Version.ShouldBe(1);
        policy.RequiredLabels.ShouldBeEmpty();
        policy.AllowedLabelPatterns.ShouldBeEmpty();
        policy.MaxRunners.ShouldBeNull();
        policy.AllowRegistrationTokens.ShouldBeFalse();
        policy.AllowPersistentRunners.ShouldBeFalse();
        policy.EffectiveDefaultRunnerGroupId.ShouldBe(1);
    }

    [Test]
    public void A_change_makes_the_next_version_and_leaves_the_old_one_as_it_was()
    {
        var first = Policy(required: ["team-a"], max: 5);

        var second = first.NextVersion(Settings(required: ["team-b"], max: 10), "admin-2", Now.AddHours(1)).Value;

        second.Version.ShouldBe(2);
        second.TeamId.ShouldBe(first.TeamId);
        second.Id.ShouldNotBe(first.Id);
        second.RequiredLabels.ShouldBe(["team-b"]);
        second.CreatedBy.ShouldBe("admin-2");
        first.Version.ShouldBe(1);
        first.RequiredLabels.ShouldBe(["team-a"]);
        first.MaxRunners.ShouldBe(5);
    }

    [Test]
    public void An_invalid_change_makes_no_version() =>
        Policy().NextVersion(Settings(required: ["linux"]), "admin", Now).IsFailure.ShouldBeTrue();

    [Test]
    public void Settings_round_trip()
    {
        var settings = new LabelPolicySettings(["a"], ["b.*"], [2, 3], 2, 7, AllowRegistrationTokens: true, AllowPersistentRunners: true);

        var policy = Policy(settings);

        policy.Settings.RequiredLabels.ShouldBe(settings.RequiredLabels);
        policy.Settings.AllowedLabelPatterns.ShouldBe(settings.AllowedLabelPatterns);
        policy.Settings.AllowedRunnerGroupIds.ShouldBe(settings.AllowedRunnerGroupIds);
        policy.Settings.DefaultRunnerGroupId.ShouldBe(2);
        policy.Settings.MaxRunners.ShouldBe(7);
        policy.Settings.AllowRegistrationTokens.ShouldBeTrue();
        policy.Settings.AllowPersistentRunners.ShouldBeTrue();
    }

    private static TestCaseData Row(string name, LabelPolicySettings settings, params (string Field, string Code)[] expected) =>
        new TestCaseData(settings, expected).SetName(name);
}
