using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Runners.ProvisionJitRunner;
using RunnerTokens.Application.Tests.Teams;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Tests.Runners;

public sealed class ProvisionJitRunnerTests : TeamsTestBase
{
    private FakeGitHubRunners GitHub { get; set; } = null!;

    protected override void ConfigureServices(IServiceCollection services) => GitHub = services.AddRunnerStore();

    private readonly FailingRunnerCommit _commitFailure = new();

    protected override void ConfigureDbContext(DbContextOptionsBuilder options) => options.AddInterceptors(_commitFailure);

    private static ProvisionJitRunnerCommand Jit(string? name = "ci-1", string[]? labels = null, long? group = null, string? team = TeamA, string? prefix = null, string? workFolder = null) =>
        new(team, prefix is null ? name : null, prefix, labels ?? ["team-a-gpu"], group, workFolder);

    /// <summary>The fixture instance, and so its interceptor, is shared by every test of the class.</summary>
    [SetUp]
    public void CommitsSucceed() => _commitFailure.FailWhenARunnerBecomesPending = false;

    [SetUp]
    public Task PolicyAsync() =>
        SetPolicyAsync(Settings(required: ["team-a"], patterns: ["team-a-.*"], groups: [7], max: 3));

    [TestCase(Caller.Member)]
    [TestCase(Caller.Maintainer)]
    [TestCase(Caller.Machine)]
    public async Task The_team_provisions_with_required_labels_first_and_gets_the_config_once(Caller caller)
    {
        await ActAsAsync(caller);

        var result = await SendAsync(Jit(labels: ["team-a-gpu", "TEAM-A"]));

        result.IsSuccess.ShouldBeTrue(result.Error?.Code);
        result.Value.Runner.Labels.ShouldBe(["team-a", "team-a-gpu"]);
        result.Value.Runner.Status.ShouldBe(RunnerStatus.Pending);
        result.Value.Runner.Ephemeral.ShouldBeTrue();
        result.Value.EncodedJitConfig.ShouldBe(GitHub.LastJitConfig);
        var call = GitHub.JitRequests.ShouldHaveSingleItem();
        call.Organization.ShouldBe("acme");
        call.Labels.ShouldBe(["team-a", "team-a-gpu"]);
        call.RunnerGroupId.ShouldBe(1);
        call.WorkFolder.ShouldBe("_work");

        var stored = (await RunnersAsync()).ShouldHaveSingleItem();
        stored.GitHubRunnerId.ShouldBe(result.Value.Runner.GitHubRunnerId);
        stored.SecretFingerprint.ShouldBe(SecretFingerprint.Of(GitHub.LastJitConfig));
        stored.PolicyVersion.ShouldBe(2);
        stored.RequestedLabels.ShouldBe(["team-a-gpu", "TEAM-A"]);
        (await AuditEventsAsync("runner.jit_provisioned")).ShouldHaveSingleItem().Outcome.ShouldBe(AuditOutcome.Succeeded);
    }

    [Test]
    public async Task The_group_and_work_folder_asked_for_reach_github()
    {
        await ActAsAsync(Caller.Member);

        (await SendAsync(Jit(group: 7, workFolder: "builds/x"))).IsSuccess.ShouldBeTrue();

        var call = GitHub.JitRequests.ShouldHaveSingleItem();
        call.RunnerGroupId.ShouldBe(7);
        call.WorkFolder.ShouldBe("builds/x");
    }

    [Test]
    public async Task A_name_prefix_gets_a_random_suffix()
    {
        await ActAsAsync(Caller.Member);

        var result = await SendAsync(Jit(prefix: "gpu-box"));

        result.Value.Runner.Name.ShouldMatch("^gpu-box-[a-z0-9]{8}$");
    }

    [Test]
    public async Task The_team_may_be_omitted_when_the_caller_has_exactly_one()
    {
        await ActAsAsync(Caller.Machine);

        (await SendAsync(Jit(team: null))).IsSuccess.ShouldBeTrue();
    }

    [Test]
    public async Task Without_a_team_a_caller_of_no_single_team_is_asked_to_name_one()
    {
        await ActAsAsync(Caller.NonMember);

        (await SendAsync(Jit(team: null))).Error!.Code.ShouldBe("runner.team_required");
    }

    [Test]
    public async Task Outsiders_do_not_learn_the_team_exists_and_admins_must_be_members()
    {
        await ActAsAsync(Caller.NonMember);
        (await SendAsync(Jit())).Error!.Code.ShouldBe("team.not_found");

        await ActAsAsync(Caller.Admin);
        var refused = (await SendAsync(Jit())).Error!;
        refused.Code.ShouldBe("auth.team_role_required");
        refused.Message.ShouldContain("Add yourself to the team as a member or maintainer: PUT /api/v1/teams/");
        GitHub.JitRequests.ShouldBeEmpty();
        (await SecurityEventsAsync()).ShouldHaveSingleItem().Type.ShouldBe("auth.access_denied");
    }

    [Test]
    public async Task Labels_outside_the_policy_are_refused_listing_every_violation_audited_and_reported()
    {
        await ActAsAsync(Caller.Member);

        var result = await SendAsync(Jit(labels: ["prod", "team-b-x", "team-a-ok"]));

        result.Error!.Code.ShouldBe("runner.label_not_allowed");
        result.Error.Type.ShouldBe(RunnerTokens.Domain.Common.ErrorType.Forbidden);
        var violations = result.Error.Details["violations"].ShouldBeAssignableTo<IReadOnlyList<AdmissionViolation>>()!;
        violations.Select(v => v.Label).ShouldBe(["prod", "team-b-x"]);
        GitHub.JitRequests.ShouldBeEmpty();
        (await RunnersAsync()).ShouldBeEmpty();
        (await AuditEventsAsync("runner.jit_provisioned")).ShouldHaveSingleItem().Outcome.ShouldBe(AuditOutcome.Denied);
        var security = (await SecurityEventsAsync()).ShouldHaveSingleItem();
        security.Type.ShouldBe("runner.policy_violation");
        security.Severity.ShouldBe(SecuritySeverity.Medium);
    }

    [Test]
    public async Task A_group_outside_the_policy_is_refused()
    {
        await ActAsAsync(Caller.Member);

        (await SendAsync(Jit(group: 99))).Error!.Code.ShouldBe("runner.group_not_allowed");
    }

    [Test]
    public async Task The_quota_admits_exactly_max_runners_then_refuses_with_current_and_max()
    {
        await ActAsAsync(Caller.Member);
        for (var i = 0; i < 3; i++)
        {
            (await SendAsync(Jit($"ci-{i}"))).IsSuccess.ShouldBeTrue();
        }

        var refused = await SendAsync(Jit("ci-3"));

        refused.Error!.Code.ShouldBe("runner.quota_exceeded");
        refused.Error.Details["current"].ShouldBe(3);
        refused.Error.Details["max"].ShouldBe(3);
        (await SecurityEventsAsync()).ShouldHaveSingleItem().Severity.ShouldBe(SecuritySeverity.Low);
    }

    [Test]
    public async Task A_quota_lowered_below_the_live_runners_refuses_with_all_of_them_counted()
    {
        await ActAsAsync(Caller.Member);
        for (var i = 0; i < 3; i++)
        {
            (await SendAsync(Jit($"ci-{i}"))).IsSuccess.ShouldBeTrue();
        }

        await SetPolicyAsync(Settings(required: ["team-a"], patterns: ["team-a-.*"], groups: [7], max: 1));

        var refused = await SendAsync(Jit("ci-3"));

        refused.Error!.Code.ShouldBe("runner.quota_exceeded");
        refused.Error.Details["current"].ShouldBe(3);
        refused.Error.Details["max"].ShouldBe(1);
    }

    [Test]
    public async Task Without_a_quota_the_team_provisions_past_any_count()
    {
        await ActAsAsync(Caller.Member);
        await SetPolicyAsync(Settings(required: ["team-a"], patterns: ["team-a-.*"], groups: [7], max: null));

        for (var i = 0; i < 5; i++)
        {
            var result = await SendAsync(Jit($"ci-{i}"));
            result.IsSuccess.ShouldBeTrue(result.Error?.Code);
        }

        (await RunnersAsync()).Count.ShouldBe(5);
    }

    [Test]
    public async Task A_deactivated_team_admits_nothing()
    {
        await WithDbAsync(async db =>
        {
            var team = await db.Teams.SingleAsync(t => t.Name == TeamA);
            team.Deactivate("paused", "admin", Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });
        await ActAsAsync(Caller.Member);

        var result = await SendAsync(Jit());

        result.Error!.Code.ShouldBe("team.deactivated");
        result.Error.Type.ShouldBe(RunnerTokens.Domain.Common.ErrorType.Forbidden);
    }

    [Test]
    public async Task A_name_taken_by_a_live_runner_is_refused_before_github_is_called()
    {
        await ActAsAsync(Caller.Member);
        (await SendAsync(Jit("ci-1"))).IsSuccess.ShouldBeTrue();

        var second = await SendAsync(Jit("ci-1"));

        second.Error!.Code.ShouldBe("runner.name_conflict");
        GitHub.JitRequests.Count.ShouldBe(1);
    }

    [Test]
    public async Task Githubs_name_conflict_is_a_409_and_leaves_nothing_behind()
    {
        GitHub.JitFailure = new GitHubFailure(GitHubFailureKind.NameConflict, "Already exists", StatusCode: 409);
        await ActAsAsync(Caller.Member);

        var result = await SendAsync(Jit());

        result.Error!.Code.ShouldBe("runner.name_conflict");
        (await RunnersAsync()).ShouldBeEmpty();
        (await AuditEventsAsync("runner.jit_provisioned")).ShouldHaveSingleItem().Outcome.ShouldBe(AuditOutcome.Failed);
    }

    [Test]
    public async Task A_github_outage_is_a_503_with_retry_after_and_leaves_nothing_behind()
    {
        GitHub.JitFailure = new GitHubFailure(GitHubFailureKind.Unavailable, "503", TimeSpan.FromSeconds(30), 503);
        await ActAsAsync(Caller.Member);

        var result = await SendAsync(Jit());

        result.Error!.Code.ShouldBe("github.unavailable");
        result.Error.Type.ShouldBe(RunnerTokens.Domain.Common.ErrorType.Unavailable);
        result.Error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
        (await RunnersAsync()).ShouldBeEmpty();
    }

    [Test]
    public async Task A_lost_answer_whose_runner_could_not_be_removed_keeps_the_reservation_for_the_sync()
    {
        // Found by the soak (scripts/soak.sh): generate-jitconfig timed out after GitHub created the runner, the
        // clean-up's lookup failed too, and dropping the reservation left a runner at GitHub that no row claims and
        // the sync never removes. Kept in provisioning, the sync deletes it by name after the grace period.
        GitHub.JitFailure = new GitHubFailure(GitHubFailureKind.Unavailable, "timeout") { Ambiguous = true, MayHaveLeftRunner = true };
        await ActAsAsync(Caller.Member);

        var result = await SendAsync(Jit());

        result.Error!.Code.ShouldBe("github.unavailable");
        var kept = (await RunnersAsync()).ShouldHaveSingleItem();
        kept.Status.ShouldBe(RunnerStatus.Provisioning);
        kept.GitHubRunnerId.ShouldBeNull();
    }

    [Test]
    public async Task A_lost_answer_whose_runner_was_removed_leaves_nothing_behind()
    {
        GitHub.JitFailure = new GitHubFailure(GitHubFailureKind.Unavailable, "timeout; the runner was deleted") { Ambiguous = true };
        await ActAsAsync(Caller.Member);

        (await SendAsync(Jit())).Error!.Code.ShouldBe("github.unavailable");

        (await RunnersAsync()).ShouldBeEmpty();
    }

    [Test]
    public async Task When_the_final_commit_fails_the_runner_is_deleted_at_github_and_the_caller_gets_503()
    {
        await ActAsAsync(Caller.Member);
        _commitFailure.FailWhenARunnerBecomesPending = true;

        var result = await SendAsync(Jit());

        result.Error!.Code.ShouldBe("runner.commit_failed");
        result.Error.Type.ShouldBe(RunnerTokens.Domain.Common.ErrorType.Unavailable);
        var created = GitHub.JitRequests.ShouldHaveSingleItem();
        GitHub.Deletions.ShouldHaveSingleItem().Organization.ShouldBe(created.Organization);
        (await RunnersAsync()).ShouldHaveSingleItem().Status.ShouldBe(RunnerStatus.Provisioning, "left for the sync to clean as abandoned");
    }

    [Test]
    public async Task A_compensated_runner_is_audited_as_such_and_never_as_provisioned()
    {
        await ActAsAsync(Caller.Member);
        _commitFailure.FailWhenARunnerBecomesPending = true;
        try
        {
            await SendAsync(Jit());
        }
        finally
        {
            _commitFailure.FailWhenARunnerBecomesPending = false; // the fixture instance (and its interceptor) is shared
        }

        var runner = (await RunnersAsync()).ShouldHaveSingleItem();
        var compensated = (await AuditEventsAsync("runner.compensated")).ShouldHaveSingleItem();
        compensated.Outcome.ShouldBe(AuditOutcome.Failed);
        compensated.TargetId.ShouldBe(runner.Id.ToString());
        compensated.DetailsJson.ShouldContain("\"deletedAtGitHub\":true");
        (await AuditEventsAsync()).ShouldNotContain(e => e.Outcome == AuditOutcome.Succeeded && e.TargetId == runner.Id.ToString());
    }

    [Test]
    public async Task Shape_errors_are_validation_failures()
    {
        await ActAsAsync(Caller.Member);

        await Should.ThrowAsync<FluentValidation.ValidationException>(() => SendAsync(new ProvisionJitRunnerCommand(TeamA, "ok", "both", ["x"], null, null)));
        await Should.ThrowAsync<FluentValidation.ValidationException>(() => SendAsync(Jit("-bad")));
        await Should.ThrowAsync<FluentValidation.ValidationException>(() => SendAsync(Jit(workFolder: "../escape")));
        await Should.ThrowAsync<FluentValidation.ValidationException>(() => SendAsync(Jit(prefix: new string('p', 51))));
    }

    /// <summary>Throws from SaveChanges when a runner is being moved to pending: the commit after GitHub answered.</summary>
    private sealed class FailingRunnerCommit : SaveChangesInterceptor
    {
        public bool FailWhenARunnerBecomesPending { get; set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (FailWhenARunnerBecomesPending && eventData.Context!.ChangeTracker.Entries<Runner>()
                    .Any(e => e.State == EntityState.Modified && e.Entity.Status == RunnerStatus.Pending))
            {
                throw new DbUpdateException("Injected commit failure.");
            }

            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}
