using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Runners.Reconciliation;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Domain.UnitTests.Runners;

/// <summary>Which runner at GitHub a row owns, drift of group and ephemeral flag, and unmanaged runners (issue 9, section 3).</summary>
public sealed class RunnerOwnershipRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly AuditActor Actor = new(PrincipalKind.User, "u-1", "Alice");
    private static readonly string[] Admitted = ["team-a", "gpu"];
    private const long Group = 7;

    private static Runner Token(string name = "tok-1", bool ephemeral = false)
    {
        var runner = Runner.Reserve(Guid.NewGuid(), "acme", name, RunnerKind.RegistrationToken, [], Admitted, Group, 1, ephemeral, Actor, T0);
        runner.CompleteRegistrationToken("fp", T0.AddHours(1), T0);
        return runner;
    }

    private static Runner Jit(string name, long id, bool ephemeral = true)
    {
        var runner = Runner.Reserve(Guid.NewGuid(), "acme", name, RunnerKind.Jit, [], Admitted, Group, 1, ephemeral, Actor, T0);
        runner.CompleteJit(id, "fp", T0);
        return runner;
    }

    private static Runner Reservation(string name) =>
        Runner.Reserve(Guid.NewGuid(), "acme", name, RunnerKind.Jit, [], Admitted, Group, 1, true, Actor, T0);

    private static GitHubRunnerState At(long id, string name, string[]? labels = null, long? group = Group, bool? ephemeral = false, bool online = true, bool busy = false) =>
        new(id, name, online, busy, labels ?? Admitted, group, ephemeral);

    private static IReadOnlyList<RunnerAction> Plan(IReadOnlyCollection<Runner> rows, params GitHubRunnerState[] atGitHub) =>
        RunnerReconciliation.Plan(rows, atGitHub, ReconciliationSettings.Default, T0.AddMinutes(10));

    private static IEnumerable<TestCaseData> BindingCases()
    {
        yield return new TestCaseData(At(99, "tok-1"), true).SetName("exact labels, group and flag bind");
        yield return new TestCaseData(At(99, "TOK-1", labels: ["GPU", "Team-A"]), true).SetName("names and labels compare ignoring case");
        yield return new TestCaseData(At(99, "tok-1", group: null, ephemeral: null), true).SetName("group and flag not reported are no mismatch");
        yield return new TestCaseData(At(99, "tok-1", labels: ["team-a"]), false).SetName("a missing label refuses");
        yield return new TestCaseData(At(99, "tok-1", labels: ["team-a", "gpu", "extra"]), false).SetName("an extra label refuses");
        yield return new TestCaseData(At(99, "tok-1", group: 8), false).SetName("another group refuses");
        yield return new TestCaseData(At(99, "tok-1", ephemeral: true), false).SetName("an ephemeral runner for a persistent row refuses");
        yield return new TestCaseData(At(99, "tok-2"), false).SetName("another name refuses");
    }

    [TestCaseSource(nameof(BindingCases))]
    public void A_registration_token_row_binds_only_to_a_runner_exactly_as_admitted(GitHubRunnerState candidate, bool binds)
    {
        var row = Token();

        RunnerReconciliation.CanBind(row, candidate, new HashSet<long>()).ShouldBe(binds);
        var actions = Plan([row], candidate);
        if (binds)
        {
            actions.Single().GitHub!.Id.ShouldBe(99);
        }
        else
        {
            actions.ShouldBeEmpty("an unbound token row waits for its own runner until its token's life plus grace");
        }
    }

    [Test]
    public void A_runner_another_live_row_owns_is_never_bound()
    {
        var owner = Jit("shared", 99, ephemeral: false);
        var row = Token("shared");

        RunnerReconciliation.CanBind(row, At(99, "shared"), new HashSet<long> { 99 }).ShouldBeFalse();
        var actions = Plan([owner, row], At(99, "shared"));

        actions.Single().RunnerId.ShouldBe(owner.Id);
    }

    [Test]
    public void Two_rows_never_bind_the_same_runner()
    {
        var first = Token("dup");
        var second = Token("DUP");

        var actions = Plan([first, second], At(99, "dup"));

        actions.Count(a => a.GitHub?.Id == 99).ShouldBe(1);
    }

    [Test]
    public void A_row_observed_as_another_github_runner_refuses()
    {
        var row = Jit("ci-1", 10);

        row.ObserveAtGitHub(11, online: true, busy: false, T0.AddMinutes(1)).IsFailure.ShouldBeTrue();
        row.GitHubRunnerId.ShouldBe(10);
    }

    [Test]
    public void An_abandoned_reservation_deletes_only_a_runner_exactly_as_admitted()
    {
        var row = Reservation("r-1");
        var later = T0 + ReconciliationSettings.Default.ProvisioningGrace;

        var lookalike = RunnerReconciliation.Plan([row], [At(55, "r-1", labels: ["other"], ephemeral: true)], ReconciliationSettings.Default, later).Single();
        lookalike.Kind.ShouldBe(RunnerActionKind.MarkDeleted, "a runner that is not what the request asked for is not the request's orphan");
        lookalike.GitHub.ShouldBeNull();

        var orphan = RunnerReconciliation.Plan([row], [At(55, "r-1", ephemeral: true)], ReconciliationSettings.Default, later).Single();
        orphan.Kind.ShouldBe(RunnerActionKind.DeleteAtGitHub);
        orphan.GitHub!.Id.ShouldBe(55);
    }

    [TestCase(Group, true, RunnerDrift.None)]
    [TestCase(8L, true, RunnerDrift.RunnerGroup)]
    [TestCase(Group, false, RunnerDrift.Ephemeral)]
    [TestCase(8L, false, RunnerDrift.RunnerGroup | RunnerDrift.Ephemeral)]
    public void Group_and_ephemeral_drift_are_detected(long group, bool ephemeral, RunnerDrift expected)
    {
        var row = Jit("ci-1", 10, ephemeral: true);

        RunnerReconciliation.DriftOf(row, At(10, "ci-1", group: group, ephemeral: ephemeral)).ShouldBe(expected);
    }

    [TestCase(8L, true, RunnerDeletionReason.GroupDrift)]
    [TestCase(Group, false, RunnerDeletionReason.EphemeralDrift)]
    public void A_runner_in_the_wrong_group_or_with_the_wrong_flag_is_removed_like_label_drift(long group, bool ephemeral, RunnerDeletionReason reason)
    {
        var row = Jit("ci-1", 10, ephemeral: true);

        var action = Plan([row], At(10, "ci-1", group: group, ephemeral: ephemeral)).Single();

        action.Kind.ShouldBe(RunnerActionKind.DeleteAtGitHub);
        action.Reason.ShouldBe(reason);
        action.DriftDetected.ShouldBeTrue();
    }

    [Test]
    public void Label_drift_names_the_reason_when_several_things_drifted()
    {
        var row = Jit("ci-1", 10, ephemeral: true);

        var action = Plan([row], At(10, "ci-1", labels: ["x"], group: 8, ephemeral: true)).Single();

        action.Reason.ShouldBe(RunnerDeletionReason.LabelDrift);
        action.Drift.ShouldBe(RunnerDrift.Labels | RunnerDrift.RunnerGroup);
    }

    [Test]
    public void A_busy_drifted_runner_is_flagged_and_kept_until_idle()
    {
        var row = Jit("ci-1", 10, ephemeral: true);

        var action = Plan([row], At(10, "ci-1", group: 8, ephemeral: true, busy: true)).Single();

        action.Kind.ShouldBe(RunnerActionKind.Observe);
        action.DriftDetected.ShouldBeTrue();
        action.Drift.ShouldBe(RunnerDrift.RunnerGroup);
    }

    [Test]
    public void Managed_groups_are_every_allowed_and_default_group_without_githubs_default()
    {
        var teamId = Guid.NewGuid();
        var first = LabelPolicy.First(teamId, new([], [], [7, 8, 1], null, null, false, false), "t", T0).Value;
        var second = LabelPolicy.First(Guid.NewGuid(), new([], [], [], 9, null, false, false), "t", T0).Value;
        var plain = LabelPolicy.First(Guid.NewGuid(), LabelPolicySettings.Default, "t", T0).Value;

        ManagedRunnerGroups.Of([first, second, plain], includeGitHubDefaultGroup: false).Order().ShouldBe([7L, 8L, 9L]);
        ManagedRunnerGroups.Of([first, second, plain], includeGitHubDefaultGroup: true).Order().ShouldBe([1L, 7L, 8L, 9L]);
        ManagedRunnerGroups.Of([plain], includeGitHubDefaultGroup: false).ShouldBeEmpty();
    }

    [Test]
    public void Unmanaged_runners_are_those_in_managed_groups_that_no_live_row_claims()
    {
        var owned = Jit("ci-1", 10, ephemeral: false);
        var waiting = Token("tok-1");
        var inFlight = Reservation("jit-new");
        GitHubRunnerState[] atGitHub =
        [
            At(10, "ci-1"),                              // owned by id
            At(11, "tok-1"),                             // bound by the token row now
            At(12, "rogue"),                             // nobody's, in a managed group
            At(13, "outside", group: 1),                 // GitHub's Default group: not managed
            At(14, "unknown-group", group: null),        // group not reported: never called unmanaged
            At(15, "jit-new", ephemeral: true),          // a JIT runner GitHub just created, its row still reserving
            At(16, "squatter", labels: ["team-a"]),      // nobody's
        ];
        var rows = new[] { owned, waiting, inFlight };
        var plan = Plan(rows, atGitHub);

        var unmanaged = RunnerReconciliation.Unmanaged(rows, atGitHub, plan, new HashSet<long> { Group });

        unmanaged.Select(r => r.Id).ShouldBe([12L, 16L]);
    }

    [Test]
    public void A_lookalike_of_a_waiting_token_row_is_unmanaged()
    {
        var waiting = Token("tok-1");
        GitHubRunnerState[] atGitHub = [At(11, "tok-1", labels: ["team-a", "gpu", "team-b"])];
        var rows = new[] { waiting };

        var unmanaged = RunnerReconciliation.Unmanaged(rows, atGitHub, Plan(rows, atGitHub), new HashSet<long> { Group });

        unmanaged.Single().Id.ShouldBe(11);
    }
}
