using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Runners.Reconciliation;

namespace RunnerTokens.Domain.UnitTests.Runners;

public sealed class RunnerReconciliationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly AuditActor Actor = new(PrincipalKind.Machine, "m-1", "CI");
    private static readonly ReconciliationSettings Settings = ReconciliationSettings.Default;
    private static readonly string[] AdmittedLabels = ["team-a", "gpu"];

    private static Runner Jit(string name = "ci-1", long githubId = 10, bool ephemeral = true)
    {
        var runner = Runner.Reserve(Guid.NewGuid(), "acme", name, RunnerKind.Jit, ["gpu"], AdmittedLabels, 1, 1, ephemeral, Actor, T0);
        runner.CompleteJit(githubId, "fp", T0);
        return runner;
    }

    private static Runner Token(string name = "tok-1")
    {
        var runner = Runner.Reserve(Guid.NewGuid(), "acme", name, RunnerKind.RegistrationToken, [], AdmittedLabels, 1, 1, false, Actor, T0);
        runner.CompleteRegistrationToken("fp", T0.AddHours(1), T0);
        return runner;
    }

    private static GitHubRunnerState At(long id, string name, bool online, bool busy = false, string[]? labels = null) =>
        new(id, name, online, busy, labels ?? AdmittedLabels);

    private static RunnerAction Single(Runner runner, GitHubRunnerState? github, DateTimeOffset now, ReconciliationSettings? settings = null)
    {
        var actions = RunnerReconciliation.Plan([runner], github is null ? [] : [github], settings ?? Settings, now);
        actions.Count.ShouldBe(1);
        return actions[0];
    }

    private static void ShouldPlanNothing(Runner runner, GitHubRunnerState? github, DateTimeOffset now) =>
        RunnerReconciliation.Plan([runner], github is null ? [] : [github], Settings, now).ShouldBeEmpty();

    [TestCase(true, false)]
    [TestCase(true, true)]
    [TestCase(false, false)]
    public void A_listed_runner_is_observed(bool online, bool busy)
    {
        var runner = Jit();

        var action = Single(runner, At(10, "ci-1", online, busy), T0.AddMinutes(1));

        action.Kind.ShouldBe(RunnerActionKind.Observe);
        action.GitHub!.Online.ShouldBe(online);
        action.DriftDetected.ShouldBeFalse();
    }

    [Test]
    public void A_jit_runner_missing_at_github_was_removed_there()
    {
        var action = Single(Jit(), null, T0.AddMinutes(1));

        action.Kind.ShouldBe(RunnerActionKind.MarkDeleted);
        action.Reason.ShouldBe(RunnerDeletionReason.RemovedAtGitHub);
    }

    [Test]
    public void A_runner_recorded_after_GitHub_was_listed_is_not_missing_yet_but_is_at_the_next_sync()
    {
        // Found by the soak (scripts/soak.sh): the sync listed GitHub's runners, a provisioning then finished (GitHub
        // created the runner after the list was made), the sync read the rows and took the new runner for one
        // removed at GitHub: its row was marked deleted while the runner lived on at GitHub (an orphan, its quota
        // slot freed).
        var listedAt = T0.AddSeconds(-1);

        RunnerReconciliation.Plan([Jit()], [], Settings, T0.AddSeconds(1), listedAt).ShouldBeEmpty();

        var next = RunnerReconciliation.Plan([Jit()], [], Settings, T0.AddMinutes(1), listedAt: T0.AddSeconds(30)).ShouldHaveSingleItem();
        next.Kind.ShouldBe(RunnerActionKind.MarkDeleted);
        next.Reason.ShouldBe(RunnerDeletionReason.RemovedAtGitHub);
    }

    [Test]
    public void An_ephemeral_runner_that_was_online_and_is_gone_finished()
    {
        var runner = Jit(ephemeral: true);
        runner.ObserveAtGitHub(10, true, true, T0.AddMinutes(1));

        var action = Single(runner, null, T0.AddMinutes(5));

        action.Kind.ShouldBe(RunnerActionKind.MarkDeleted);
        action.Reason.ShouldBe(RunnerDeletionReason.EphemeralFinished);
    }

    [Test]
    public void A_persistent_runner_that_was_online_and_is_gone_was_removed_at_github()
    {
        var runner = Jit(ephemeral: false);
        runner.ObserveAtGitHub(10, true, false, T0.AddMinutes(1));

        Single(runner, null, T0.AddMinutes(5)).Reason.ShouldBe(RunnerDeletionReason.RemovedAtGitHub);
    }

    [Test]
    public void A_jit_runner_never_online_is_deleted_at_github_once_the_pending_timeout_passes()
    {
        var runner = Jit();
        var offline = At(10, "ci-1", online: false);

        Single(runner, offline, T0 + Settings.PendingTimeout - TimeSpan.FromSeconds(1)).Kind.ShouldBe(RunnerActionKind.Observe);
        var action = Single(runner, offline, T0 + Settings.PendingTimeout);

        action.Kind.ShouldBe(RunnerActionKind.DeleteAtGitHub);
        action.Reason.ShouldBe(RunnerDeletionReason.NeverRegistered);
    }

    [Test]
    public void A_registration_token_runner_not_yet_registered_is_left_alone_while_its_token_lives()
    {
        ShouldPlanNothing(Token(), null, T0.AddMinutes(59));
    }

    [Test]
    public void A_registration_token_runner_is_matched_by_name_and_observed_with_its_github_id()
    {
        var action = Single(Token("tok-1"), At(99, "TOK-1", online: true), T0.AddMinutes(10));

        action.Kind.ShouldBe(RunnerActionKind.Observe);
        action.GitHub!.Id.ShouldBe(99);
    }

    [Test]
    public void A_registration_token_runner_never_registered_is_deleted_after_token_expiry_plus_grace()
    {
        var runner = Token();

        ShouldPlanNothing(runner, null, T0.AddHours(1) + Settings.PendingTimeout - TimeSpan.FromSeconds(1));
        var action = Single(runner, null, T0.AddHours(1) + Settings.PendingTimeout);

        action.Kind.ShouldBe(RunnerActionKind.MarkDeleted);
        action.Reason.ShouldBe(RunnerDeletionReason.NeverRegistered);
    }

    [Test]
    public void A_registered_but_never_online_token_runner_is_deleted_at_github_after_expiry_plus_grace()
    {
        var action = Single(Token("tok-1"), At(99, "tok-1", online: false), T0.AddHours(1) + Settings.PendingTimeout);

        action.Kind.ShouldBe(RunnerActionKind.DeleteAtGitHub);
        action.Reason.ShouldBe(RunnerDeletionReason.NeverRegistered);
    }

    [Test]
    public void An_offline_runner_is_deleted_at_github_after_the_offline_timeout()
    {
        var runner = Jit(ephemeral: false);
        runner.ObserveAtGitHub(10, true, false, T0.AddMinutes(1));
        runner.ObserveAtGitHub(10, false, false, T0.AddMinutes(2));
        var offline = At(10, "ci-1", online: false);

        Single(runner, offline, T0.AddMinutes(2) + Settings.OfflineTimeout - TimeSpan.FromSeconds(1)).Kind.ShouldBe(RunnerActionKind.Observe);
        var action = Single(runner, offline, T0.AddMinutes(2) + Settings.OfflineTimeout);

        action.Kind.ShouldBe(RunnerActionKind.DeleteAtGitHub);
        action.Reason.ShouldBe(RunnerDeletionReason.OfflineTooLong);
    }

    [Test]
    public void An_idle_runner_with_drifted_labels_is_deleted_at_github_and_the_drift_reported()
    {
        var action = Single(Jit(), At(10, "ci-1", online: true, labels: ["team-a", "gpu", "prod"]), T0.AddMinutes(1));

        action.Kind.ShouldBe(RunnerActionKind.DeleteAtGitHub);
        action.Reason.ShouldBe(RunnerDeletionReason.LabelDrift);
        action.DriftDetected.ShouldBeTrue();
    }

    [Test]
    public void A_busy_drifted_runner_is_reported_but_kept_until_idle_by_default()
    {
        var runner = Jit();
        var busyDrifted = At(10, "ci-1", online: true, busy: true, labels: ["team-a"]);

        var first = Single(runner, busyDrifted, T0.AddMinutes(1));
        first.Kind.ShouldBe(RunnerActionKind.Observe);
        first.DriftDetected.ShouldBeTrue();

        runner.FlagLabelDrift(T0.AddMinutes(1));
        var second = Single(runner, busyDrifted, T0.AddMinutes(2));
        second.Kind.ShouldBe(RunnerActionKind.Observe);
        second.DriftDetected.ShouldBeFalse("the drift was already reported");

        var idle = Single(runner, At(10, "ci-1", online: true, busy: false, labels: ["team-a"]), T0.AddMinutes(3));
        idle.Kind.ShouldBe(RunnerActionKind.DeleteAtGitHub);
        idle.Reason.ShouldBe(RunnerDeletionReason.LabelDrift);
    }

    [Test]
    public void A_busy_drifted_runner_is_deleted_at_once_when_configured()
    {
        var action = Single(
            Jit(), At(10, "ci-1", online: true, busy: true, labels: ["other"]), T0.AddMinutes(1),
            Settings with { DeleteBusyOnDrift = true });

        action.Kind.ShouldBe(RunnerActionKind.DeleteAtGitHub);
        action.Reason.ShouldBe(RunnerDeletionReason.LabelDrift);
    }

    [TestCase(new[] { "TEAM-A", "Gpu" }, false)]
    [TestCase(new[] { "gpu", "team-a" }, false)]
    [TestCase(new[] { "team-a" }, true)]
    [TestCase(new[] { "team-a", "gpu", "extra" }, true)]
    [TestCase(new string[0], true)]
    public void Drift_compares_custom_labels_as_a_case_insensitive_set(string[] atGitHub, bool drift) =>
        RunnerReconciliation.IsDrift(AdmittedLabels, atGitHub).ShouldBe(drift);

    [Test]
    public void A_fresh_reservation_is_left_to_its_request()
    {
        var runner = Runner.Reserve(Guid.NewGuid(), "acme", "r-1", RunnerKind.Jit, [], AdmittedLabels, 1, 1, true, Actor, T0);

        ShouldPlanNothing(runner, null, T0 + Settings.ProvisioningGrace - TimeSpan.FromSeconds(1));
    }

    [Test]
    public void An_abandoned_reservation_is_cleaned_up_and_its_orphan_at_github_removed()
    {
        var runner = Runner.Reserve(Guid.NewGuid(), "acme", "r-1", RunnerKind.Jit, [], AdmittedLabels, 1, 1, true, Actor, T0);

        var withOrphan = Single(runner, At(55, "r-1", online: false), T0 + Settings.ProvisioningGrace);
        withOrphan.Kind.ShouldBe(RunnerActionKind.DeleteAtGitHub);
        withOrphan.Reason.ShouldBe(RunnerDeletionReason.ProvisioningFailed);
        withOrphan.GitHub!.Id.ShouldBe(55);

        var without = Single(runner, null, T0 + Settings.ProvisioningGrace);
        without.Kind.ShouldBe(RunnerActionKind.MarkDeleted);
        without.Reason.ShouldBe(RunnerDeletionReason.ProvisioningFailed);
    }

    [Test]
    public void Runners_at_github_the_service_does_not_manage_are_left_alone()
    {
        var managed = Jit("ci-1", 10);

        var actions = RunnerReconciliation.Plan([managed], [At(10, "ci-1", true), At(11, "someone-elses", true)], Settings, T0.AddMinutes(1));

        actions.Select(a => a.RunnerId).ShouldBe([managed.Id]);
    }

    [Test]
    public void Deleted_runners_are_never_planned()
    {
        var runner = Jit();
        runner.Delete(RunnerDeletionReason.Requested, "x", T0);

        ShouldPlanNothing(runner, null, T0.AddDays(2));
    }
}
