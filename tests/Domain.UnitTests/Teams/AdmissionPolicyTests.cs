using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Teams;
using static RunnerTokens.Domain.UnitTests.Teams.PolicyBuilder;

namespace RunnerTokens.Domain.UnitTests.Teams;

public sealed class AdmissionPolicyTests
{
    /// <summary>One row of the admission table. Expected labels null means refused with the expected violation codes.</summary>
    public sealed record Case(
        LabelPolicySettings Policy,
        string?[] Requested,
        long? Group = null,
        int Live = 0,
        string[]? Labels = null,
        long? ExpectedGroup = null,
        string[]? Violations = null);

    private static readonly string Long100 = new('l', 100);
    private static readonly string Long101 = new('l', 101);

    private static IEnumerable<TestCaseData> Cases()
    {
        // Required labels and ordering.
        yield return Row("default policy, nothing requested", new(Settings(), [], Labels: [], ExpectedGroup: 1));
        yield return Row("required only, nothing requested", new(Settings(required: ["team-a"]), [], Labels: ["team-a"], ExpectedGroup: 1));
        yield return Row("requested label equal to a required one", new(Settings(required: ["team-a"]), ["team-a"], Labels: ["team-a"], ExpectedGroup: 1));
        yield return Row("requested required label in another case keeps the policy's spelling", new(Settings(required: ["team-a"]), ["TEAM-A"], Labels: ["team-a"], ExpectedGroup: 1));
        yield return Row("required first, then requested", new(Settings(required: ["team-a"], patterns: ["gpu"]), ["gpu"], Labels: ["team-a", "gpu"], ExpectedGroup: 1));
        yield return Row("required in policy order, requested in request order", new(Settings(required: ["r2", "r1"], patterns: [".*"]), ["b", "a"], Labels: ["r2", "r1", "b", "a"], ExpectedGroup: 1));
        yield return Row("duplicates ignoring case keep the first spelling", new(Settings(patterns: ["gpu"]), ["Gpu", "GPU", "gpu"], Labels: ["Gpu"], ExpectedGroup: 1));
        yield return Row("required label need not match a pattern when requested", new(Settings(required: ["team-a"], patterns: ["gpu"]), ["gpu", "team-a"], Labels: ["team-a", "gpu"], ExpectedGroup: 1));

        // Patterns: whole label, case-insensitive.
        yield return Row("label matching a pattern whole", new(Settings(patterns: ["team-a-.*"]), ["team-a-gpu"], Labels: ["team-a-gpu"], ExpectedGroup: 1));
        yield return Row("label containing but not matching the pattern", new(Settings(patterns: ["team-a-.*"]), ["xteam-a-gpu"], Violations: ["label.not_allowed"]));
        yield return Row("label with a suffix beyond the pattern", new(Settings(patterns: ["gpu"]), ["gpu-large"], Violations: ["label.not_allowed"]));
        yield return Row("pattern matches ignoring case, caller's spelling kept", new(Settings(patterns: ["team-a-.*"]), ["TEAM-A-GPU"], Labels: ["TEAM-A-GPU"], ExpectedGroup: 1));
        yield return Row("second pattern matches", new(Settings(patterns: ["cpu-.*", "gpu-.*"]), ["gpu-a100"], Labels: ["gpu-a100"], ExpectedGroup: 1));
        yield return Row("no patterns: no extra label allowed", new(Settings(required: ["team-a"]), ["gpu"], Violations: ["label.not_allowed"]));
        yield return Row("pathological pattern against a long label completes", new(Settings(patterns: ["(a+)+$"]), [new string('a', 99) + "-"], Violations: ["label.not_allowed"]));
        yield return Row("pathological pattern refuses a long near-match", new(Settings(patterns: ["(a+)+b"]), [new string('a', 100)], Violations: ["label.not_allowed"]));

        // Label rules.
        yield return Row("GitHub's self-hosted label", new(Settings(patterns: [".*"]), ["self-hosted"], Violations: ["label.reserved_by_github"]));
        yield return Row("GitHub's Linux label in another case", new(Settings(patterns: [".*"]), ["Linux"], Violations: ["label.reserved_by_github"]));
        yield return Row("GitHub's arm64 label", new(Settings(patterns: [".*"]), ["arm64"], Violations: ["label.reserved_by_github"]));
        yield return Row("GitHub's X64 label", new(Settings(patterns: [".*"]), ["X64"], Violations: ["label.reserved_by_github"]));
        yield return Row("space in a label", new(Settings(patterns: [".*"]), ["gpu large"], Violations: ["label.invalid_characters"]));
        yield return Row("non-ASCII letter", new(Settings(patterns: [".*"]), ["gpü"], Violations: ["label.invalid_characters"]));
        yield return Row("empty label", new(Settings(patterns: [".*"]), [""], Violations: ["label.empty"]));
        yield return Row("null label", new(Settings(patterns: [".*"]), [null], Violations: ["label.empty"]));
        yield return Row("label of 100 characters", new(Settings(patterns: [".*"]), [Long100], Labels: [Long100], ExpectedGroup: 1));
        yield return Row("label of 101 characters", new(Settings(patterns: [".*"]), [Long101], Violations: ["label.too_long"]));
        yield return Row("the same bad label in two cases is reported once", new(Settings(patterns: ["gpu"]), ["cpu", "CPU"], Violations: ["label.not_allowed"]));
        yield return Row("every bad label reported, in request order", new(Settings(patterns: ["gpu-.*"]), ["linux", "gpu-1", "bad label", "cpu"], Violations: ["label.reserved_by_github", "label.invalid_characters", "label.not_allowed"]));

        // The 100-label limit counts distinct labels, required ones included.
        yield return Row("exactly 100 labels with a required one", new(Settings(required: ["team-a"], patterns: ["l[0-9]+"]), Numbered("l", 99), Labels: ["team-a", .. Numbered("l", 99)], ExpectedGroup: 1));
        yield return Row("101 labels with a required one", new(Settings(required: ["team-a"], patterns: ["l[0-9]+"]), Numbered("l", 100), Violations: ["labels.too_many"]));
        yield return Row("100 labels sent twice in two cases", new(Settings(patterns: ["l[0-9]+"]), [.. Numbered("l", 100), .. Numbered("L", 100)], Labels: Numbered("l", 100), ExpectedGroup: 1));

        // Quota.
        yield return Row("unlimited quota", new(Settings(), [], Live: 10_000, Labels: [], ExpectedGroup: 1));
        yield return Row("quota: one below the maximum", new(Settings(max: 5), [], Live: 4, Labels: [], ExpectedGroup: 1));
        yield return Row("quota: at the maximum", new(Settings(max: 5), [], Live: 5, Violations: ["quota.exceeded"]));
        yield return Row("quota: above the maximum", new(Settings(max: 5), [], Live: 6, Violations: ["quota.exceeded"]));
        yield return Row("quota of zero admits nothing", new(Settings(max: 0), [], Live: 0, Violations: ["quota.exceeded"]));

        // Runner groups.
        yield return Row("no group requested, no default: GitHub's default group", new(Settings(groups: [7]), [], Labels: [], ExpectedGroup: 1));
        yield return Row("no group requested: the policy's default", new(Settings(defaultGroup: 7), [], Labels: [], ExpectedGroup: 7));
        yield return Row("allowed group requested", new(Settings(groups: [7, 8], defaultGroup: 7), [], Group: 8, Labels: [], ExpectedGroup: 8));
        yield return Row("group not allowed", new(Settings(groups: [7, 8]), [], Group: 9, Violations: ["runner_group.not_allowed"]));
        yield return Row("GitHub's default group requested without a policy default", new(Settings(), [], Group: 1, Labels: [], ExpectedGroup: 1));
        yield return Row("GitHub's default group requested when the policy has another default", new(Settings(groups: [8], defaultGroup: 7), [], Group: 1, Violations: ["runner_group.not_allowed"]));
        yield return Row("the policy's default group requested though not listed", new(Settings(groups: [8], defaultGroup: 7), [], Group: 7, Labels: [], ExpectedGroup: 7));

        // Several violations at once.
        yield return Row("label, group and quota at once", new(Settings(patterns: ["gpu"], max: 1), ["cpu"], Group: 9, Live: 1, Violations: ["label.not_allowed", "runner_group.not_allowed", "quota.exceeded"]));
        yield return Row("reserved label and quota at once", new(Settings(patterns: [".*"], max: 2), ["windows", "ok"], Live: 3, Violations: ["label.reserved_by_github", "quota.exceeded"]));
    }

    [TestCaseSource(nameof(Cases))]
    public void Admission_table(Case row)
    {
        var policy = Policy(row.Policy);

        var decision = AdmissionPolicy.Evaluate(policy, row.Requested, row.Group, row.Live);

        if (row.Labels is not null)
        {
            decision.Violations.ShouldBeEmpty();
            decision.IsAdmitted.ShouldBeTrue();
            decision.Admission!.Labels.ShouldBe(row.Labels);
            decision.Admission.RunnerGroupId.ShouldBe(row.ExpectedGroup!.Value);
            decision.Admission.PolicyVersion.ShouldBe(policy.Version);
            decision.Admission.PolicyId.ShouldBe(policy.Id);
        }
        else
        {
            decision.IsAdmitted.ShouldBeFalse();
            decision.Admission.ShouldBeNull();
            decision.Violations.Select(v => v.Code).ShouldBe(row.Violations!);
            decision.PolicyVersion.ShouldBe(policy.Version);
        }
    }

    [Test]
    public void Label_violations_name_the_label()
    {
        var decision = AdmissionPolicy.Evaluate(Policy(patterns: ["gpu"]), ["cpu", "linux"], null, 0);

        decision.Violations.Select(v => v.Label).ShouldBe(["cpu", "linux"]);
        decision.Violations.ShouldAllBe(v => !string.IsNullOrWhiteSpace(v.Message));
    }

    [Test]
    public void A_quota_violation_carries_current_and_max()
    {
        var violation = AdmissionPolicy.Evaluate(Policy(max: 3), [], null, 3).Violations.Single();

        violation.Current.ShouldBe(3);
        violation.Max.ShouldBe(3);
    }

    [Test]
    public void A_group_violation_carries_the_group()
    {
        var violation = AdmissionPolicy.Evaluate(Policy(groups: [2]), [], 5, 0).Violations.Single();

        violation.RunnerGroupId.ShouldBe(5);
    }

    [Test]
    public void A_too_many_violation_carries_the_count()
    {
        var violation = AdmissionPolicy.Evaluate(Policy(patterns: [".*"]), Numbered("n", 150), null, 0).Violations.Single();

        violation.Current.ShouldBe(150);
        violation.Max.ShouldBe(100);
    }

    [Test]
    public void A_very_long_bad_label_is_echoed_shortened()
    {
        var violation = AdmissionPolicy.Evaluate(Policy(), [new string('z', 5000)], null, 0).Violations.Single();

        violation.Label!.Length.ShouldBeLessThanOrEqualTo(201);
    }

    [Test]
    public void Null_requested_labels_are_treated_as_none() =>
        AdmissionPolicy.Evaluate(Policy(required: ["team-a"]), null, null, 0).Admission!.Labels.ShouldBe(["team-a"]);

    [Test]
    public void A_negative_live_runner_count_is_a_bug() =>
        Should.Throw<ArgumentOutOfRangeException>(() => AdmissionPolicy.Evaluate(Policy(), [], null, -1));

    private static readonly TestCaseData[] ErrorCases =
    [
        new TestCaseData(Settings(patterns: ["gpu"]), new[] { "cpu" }, null, 0, "runner.label_not_allowed", ErrorType.Forbidden).SetName("label only: 403 label_not_allowed"),
        new TestCaseData(Settings(groups: [2]), Array.Empty<string>(), 3L, 0, "runner.group_not_allowed", ErrorType.Forbidden).SetName("group only: 403 group_not_allowed"),
        new TestCaseData(Settings(max: 2), Array.Empty<string>(), null, 2, "runner.quota_exceeded", ErrorType.Conflict).SetName("quota only: 409 quota_exceeded"),
        new TestCaseData(Settings(max: 2), new[] { "linux" }, null, 2, "runner.label_not_allowed", ErrorType.Forbidden).SetName("label and quota: the label wins"),
        new TestCaseData(Settings(groups: [2], max: 0), Array.Empty<string>(), 3L, 0, "runner.group_not_allowed", ErrorType.Forbidden).SetName("group and quota: the group wins"),
        new TestCaseData(Settings(groups: [2], patterns: ["gpu"]), new[] { "cpu" }, 3L, 0, "runner.label_not_allowed", ErrorType.Forbidden).SetName("label and group: the label wins"),
    ];

    [TestCaseSource(nameof(ErrorCases))]
    public void A_refusal_is_one_error_with_the_most_severe_code(LabelPolicySettings settings, string[] labels, long? group, int live, string code, ErrorType type)
    {
        var decision = AdmissionPolicy.Evaluate(Policy(settings), labels, group, live);

        var result = decision.ToResult();

        result.IsFailure.ShouldBeTrue();
        result.Error.Code.ShouldBe(code);
        result.Error.Type.ShouldBe(type);
        result.Error.Details["violations"].ShouldBeSameAs(decision.Violations);
        result.Error.Details["policyVersion"].ShouldBe(1);
    }

    [Test]
    public void Every_quota_refusal_carries_current_and_max_whatever_the_code()
    {
        var error = AdmissionPolicy.Evaluate(Policy(max: 2), ["linux"], null, 4).ToResult().Error!;

        error.Code.ShouldBe("runner.label_not_allowed");
        error.Details["current"].ShouldBe(4);
        error.Details["max"].ShouldBe(2);
    }

    [Test]
    public void An_admitted_decision_is_a_success()
    {
        var result = AdmissionPolicy.Evaluate(Policy(required: ["team-a"]), [], null, 0).ToResult();

        result.IsSuccess.ShouldBeTrue();
        result.Value.Labels.ShouldBe(["team-a"]);
    }

    private static TestCaseData Row(string name, Case row) => new TestCaseData(row).SetName(name);
}
