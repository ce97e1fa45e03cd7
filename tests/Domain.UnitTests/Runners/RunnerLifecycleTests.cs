using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Domain.UnitTests.Runners;

public sealed class RunnerLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly AuditActor Alice = new(PrincipalKind.User, "u-1", "Alice");

    private static Runner Reserve(RunnerKind kind = RunnerKind.Jit, bool ephemeral = true) =>
        Runner.Reserve(Guid.NewGuid(), "acme", "ci-1", kind, ["gpu"], ["team-a", "gpu"], 1, 3, ephemeral, Alice, T0);

    private static Runner Pending(bool ephemeral = true)
    {
        var runner = Reserve(ephemeral: ephemeral);
        runner.CompleteJit(42, "fp", T0).IsSuccess.ShouldBeTrue();
        return runner;
    }

    [Test]
    public void A_reserved_runner_holds_its_name_and_records_who_and_which_policy()
    {
        var runner = Reserve();

        runner.Status.ShouldBe(RunnerStatus.Provisioning);
        runner.LiveNameKey.ShouldBe("acme/ci-1");
        runner.Labels.ShouldBe(["team-a", "gpu"]);
        runner.RequestedLabels.ShouldBe(["gpu"]);
        runner.PolicyVersion.ShouldBe(3);
        runner.ProvisionedByKind.ShouldBe(PrincipalKind.User);
        runner.ProvisionedById.ShouldBe("u-1");
        runner.IsLive.ShouldBeTrue();
    }

    [Test]
    public void Completing_a_jit_runner_makes_it_pending_with_its_github_id()
    {
        var runner = Reserve();

        runner.CompleteJit(42, "sha", T0.AddSeconds(1)).IsSuccess.ShouldBeTrue();

        runner.Status.ShouldBe(RunnerStatus.Pending);
        runner.GitHubRunnerId.ShouldBe(42);
        runner.SecretFingerprint.ShouldBe("sha");
    }

    [Test]
    public void A_registration_token_cannot_complete_a_jit_reservation()
    {
        var runner = Reserve(RunnerKind.Jit);

        var result = runner.CompleteRegistrationToken("fp", T0.AddHours(1), T0);

        result.IsFailure.ShouldBeTrue();
        result.Error!.Code.ShouldBe("runner.illegal_transition");
    }

    [Test]
    public void A_registration_token_runner_is_pending_until_its_token_expires()
    {
        var runner = Reserve(RunnerKind.RegistrationToken);

        runner.CompleteRegistrationToken("fp", T0.AddHours(1), T0).IsSuccess.ShouldBeTrue();

        runner.Status.ShouldBe(RunnerStatus.Pending);
        runner.TokenExpiresAt.ShouldBe(T0.AddHours(1));
        runner.GitHubRunnerId.ShouldBeNull();
    }

    [Test]
    public void A_pending_runner_listed_offline_stays_pending()
    {
        var runner = Pending();

        runner.ObserveAtGitHub(42, online: false, busy: false, T0.AddMinutes(1)).IsSuccess.ShouldBeTrue();

        runner.Status.ShouldBe(RunnerStatus.Pending);
        runner.FirstOnlineAt.ShouldBeNull();
    }

    [TestCase(false, RunnerStatus.Idle)]
    [TestCase(true, RunnerStatus.Busy)]
    public void Online_at_github_maps_busy_to_busy_and_otherwise_idle(bool busy, RunnerStatus expected)
    {
        var runner = Pending();

        runner.ObserveAtGitHub(42, online: true, busy, T0.AddMinutes(2));

        runner.Status.ShouldBe(expected);
        runner.FirstOnlineAt.ShouldBe(T0.AddMinutes(2));
    }

    [Test]
    public void An_online_runner_going_offline_records_since_when()
    {
        var runner = Pending();
        runner.ObserveAtGitHub(42, true, false, T0.AddMinutes(1));

        runner.ObserveAtGitHub(42, false, false, T0.AddMinutes(5));

        runner.Status.ShouldBe(RunnerStatus.Offline);
        runner.OfflineSince.ShouldBe(T0.AddMinutes(5));
    }

    [Test]
    public void Coming_back_online_clears_offline_since_and_keeps_first_online()
    {
        var runner = Pending();
        runner.ObserveAtGitHub(42, true, false, T0.AddMinutes(1));
        runner.ObserveAtGitHub(42, false, false, T0.AddMinutes(5));

        runner.ObserveAtGitHub(42, true, true, T0.AddMinutes(9));

        runner.Status.ShouldBe(RunnerStatus.Busy);
        runner.OfflineSince.ShouldBeNull();
        runner.FirstOnlineAt.ShouldBe(T0.AddMinutes(1));
    }

    [Test]
    public void A_registration_token_runner_gets_its_github_id_when_found()
    {
        var runner = Reserve(RunnerKind.RegistrationToken);
        runner.CompleteRegistrationToken("fp", T0.AddHours(1), T0);

        runner.ObserveAtGitHub(77, true, false, T0.AddMinutes(3));

        runner.GitHubRunnerId.ShouldBe(77);
        runner.Status.ShouldBe(RunnerStatus.Idle);
    }

    [Test]
    public void A_job_makes_a_runner_busy_and_completion_makes_a_persistent_runner_idle()
    {
        var runner = Pending(ephemeral: false);

        runner.StartJob(T0.AddMinutes(1)).IsSuccess.ShouldBeTrue();
        runner.Status.ShouldBe(RunnerStatus.Busy);
        runner.CompleteJob(T0.AddMinutes(2)).IsSuccess.ShouldBeTrue();

        runner.Status.ShouldBe(RunnerStatus.Idle);
    }

    [Test]
    public void Completion_deletes_an_ephemeral_runner_as_finished()
    {
        var runner = Pending(ephemeral: true);
        runner.StartJob(T0.AddMinutes(1));

        runner.CompleteJob(T0.AddMinutes(2)).IsSuccess.ShouldBeTrue();

        runner.Status.ShouldBe(RunnerStatus.Deleted);
        runner.DeletionReason.ShouldBe(RunnerDeletionReason.EphemeralFinished);
        runner.LiveNameKey.ShouldBeNull();
        runner.LiveGitHubRunnerId.ShouldBeNull();
    }

    [Test]
    public void Deletion_frees_the_name_and_records_who_why_and_when()
    {
        var runner = Pending();

        runner.Delete(RunnerDeletionReason.Requested, "Alice", T0.AddMinutes(4)).IsSuccess.ShouldBeTrue();

        runner.Status.ShouldBe(RunnerStatus.Deleted);
        runner.LiveNameKey.ShouldBeNull();
        runner.LiveGitHubRunnerId.ShouldBeNull();
        runner.Name.ShouldBe("ci-1");
        runner.DeletedBy.ShouldBe("Alice");
        runner.DeletedAt.ShouldBe(T0.AddMinutes(4));
        runner.DeletionReason.ShouldBe(RunnerDeletionReason.Requested);
        runner.IsLive.ShouldBeFalse();
    }

    [Test]
    public void Deleted_is_terminal()
    {
        var runner = Pending();
        runner.Delete(RunnerDeletionReason.Requested, "Alice", T0);

        runner.Delete(RunnerDeletionReason.Requested, "Bob", T0).Error.ShouldBe(RunnerErrors.AlreadyDeleted);
        runner.StartJob(T0).IsFailure.ShouldBeTrue();
        runner.CompleteJob(T0).IsFailure.ShouldBeTrue();
        runner.ObserveAtGitHub(42, true, false, T0).IsFailure.ShouldBeTrue();
        runner.DeletedBy.ShouldBe("Alice");
    }

    [Test]
    public void A_reservation_cannot_take_jobs_or_observations_before_github_answered()
    {
        var runner = Reserve();

        runner.StartJob(T0).IsFailure.ShouldBeTrue();
        runner.ObserveAtGitHub(1, true, false, T0).IsFailure.ShouldBeTrue();
        runner.Status.ShouldBe(RunnerStatus.Provisioning);
    }

    [Test]
    public void A_failed_reservation_is_deleted_as_provisioning_failed()
    {
        var runner = Reserve();

        runner.Delete(RunnerDeletionReason.ProvisioningFailed, "RunnerTokens", T0).IsSuccess.ShouldBeTrue();

        runner.Status.ShouldBe(RunnerStatus.Deleted);
        runner.DeletionReason.ShouldBe(RunnerDeletionReason.ProvisioningFailed);
    }

    [Test]
    public void Label_drift_is_recorded_once()
    {
        var runner = Pending();

        runner.FlagLabelDrift(T0.AddMinutes(1));
        runner.FlagLabelDrift(T0.AddMinutes(2));

        runner.LabelDriftDetectedAt.ShouldBe(T0.AddMinutes(1));
    }
}
