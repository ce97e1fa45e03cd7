using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Tests.Sync;

/// <summary>
/// The service owns what it hands out at GitHub (issue 9, section 3): managed runner groups, unmanaged runners,
/// binding of registration-token rows, group and ephemeral drift. Against the in-process simulator.
/// </summary>
public sealed class SyncOwnershipTests : SyncTestBase
{
    private const long ManagedGroup = 7;

    [SetUp]
    public void DefaultSettings()
    {
        // The fixture instance (and so SyncSettings) is shared by its tests.
        SyncSettings.ManageDefaultGroup = false;
        SyncSettings.RemoveUnmanagedRunners = false;
        SyncSettings.DeleteBusyOnDrift = false;
    }

    /// <summary>A second team whose policy allows group 7, which makes group 7 managed.</summary>
    private async Task<Team> SeedGroupTeamAsync()
    {
        var team = Domain.Teams.Team.Create("team-g", null, Org, Clock.GetUtcNow()).Value;
        await WithDbAsync(async db =>
        {
            db.Teams.Add(team);
            db.LabelPolicies.Add(LabelPolicy.First(team.Id, new LabelPolicySettings(["team-g"], ["gpu"], [ManagedGroup], ManagedGroup, null, true, true), "admin", Clock.GetUtcNow()).Value);
            await db.SaveChangesAsync();
        });
        return team;
    }

    private async Task<Runner> SeedRowAsync(Team team, string name, RunnerKind kind, long group, bool ephemeral, long? gitHubId, string[] labels)
    {
        var runner = Runner.Reserve(team.Id, Org, name, kind, [], labels, group, 1, ephemeral, new AuditActor(PrincipalKind.User, "u-1", "Alice"), Clock.GetUtcNow());
        if (gitHubId is { } id)
        {
            runner.CompleteJit(id, new string('a', 64), Clock.GetUtcNow()).IsSuccess.ShouldBeTrue();
        }
        else
        {
            runner.CompleteRegistrationToken(new string('b', 64), Clock.GetUtcNow().AddHours(1), Clock.GetUtcNow()).IsSuccess.ShouldBeTrue();
        }

        await WithDbAsync(async db =>
        {
            db.Runners.Add(runner);
            await db.SaveChangesAsync();
        });
        return runner;
    }

    private static JsonElement Details(SecurityEvent e) => JsonDocument.Parse(e.DetailsJson).RootElement;

    [Test]
    public async Task A_runner_nobody_claims_in_a_managed_group_is_a_high_security_event_and_is_kept_by_default()
    {
        await SeedGroupTeamAsync();
        var rogue = Simulator.AddRunner(Org, "rogue-1", ["team-g", "extra"], runnerGroupId: ManagedGroup);
        Simulator.AddRunner(Org, "org-own-1", ["anything"], runnerGroupId: 1);

        await SyncAsync();

        var flagged = (await SecurityEventsAsync("runner.unmanaged")).ShouldHaveSingleItem();
        flagged.Severity.ShouldBe(SecuritySeverity.High);
        var details = Details(flagged);
        details.GetProperty("name").GetString().ShouldBe("rogue-1");
        details.GetProperty("githubRunnerId").GetInt64().ShouldBe(rogue.Id);
        details.GetProperty("runnerGroupId").GetInt64().ShouldBe(ManagedGroup);
        details.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ShouldBe(["team-g", "extra"], ignoreOrder: true);
        Simulator.FindRunner(Org, rogue.Id).ShouldNotBeNull("Sync:RemoveUnmanagedRunners is off by default");
        (await AuditEventsAsync("runner.unmanaged_removed")).ShouldBeEmpty();
    }

    [Test]
    public async Task With_RemoveUnmanagedRunners_the_unmanaged_runner_is_deleted_at_GitHub_and_audited()
    {
        SyncSettings.RemoveUnmanagedRunners = true;
        var team = await SeedGroupTeamAsync();
        var rogue = Simulator.AddRunner(Org, "rogue-2", ["team-g"], runnerGroupId: ManagedGroup);
        var owned = Simulator.AddRunner(Org, "owned-2", ["team-g"], runnerGroupId: ManagedGroup, ephemeral: true);
        await SeedRowAsync(team, "owned-2", RunnerKind.Jit, ManagedGroup, ephemeral: true, owned.Id, ["team-g"]);
        var outside = Simulator.AddRunner(Org, "org-own-2", ["x"], runnerGroupId: 1);

        await SyncAsync();

        Simulator.FindRunner(Org, rogue.Id).ShouldBeNull();
        Simulator.FindRunner(Org, owned.Id).ShouldNotBeNull();
        Simulator.FindRunner(Org, outside.Id).ShouldNotBeNull("GitHub's Default group is not managed unless configured");
        var removed = (await AuditEventsAsync("runner.unmanaged_removed")).ShouldHaveSingleItem();
        removed.TargetId.ShouldBe(rogue.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        removed.Outcome.ShouldBe(AuditOutcome.Succeeded);
        removed.ActorId.ShouldBe(AuditActor.Sync.Id);
    }

    [Test]
    public async Task An_unmanaged_runner_is_reported_once_until_it_goes_away_and_a_new_one_is_reported()
    {
        await SeedGroupTeamAsync();
        var rogue = Simulator.AddRunner(Org, "rogue-once", ["team-g"], runnerGroupId: ManagedGroup);

        await SyncAsync();
        await SyncAsync();
        await SyncAsync();

        (await SecurityEventsAsync("runner.unmanaged")).ShouldHaveSingleItem();
        // The memory is in the database, written with the event: a restarted process or another replica sees it.
        var report = await WithDbAsync(db => db.UnmanagedRunnerReports.AsNoTracking().SingleAsync());
        report.GitHubRunnerId.ShouldBe(rogue.Id);
        report.Organization.ShouldBe(Org);

        Simulator.RemoveRunner(Org, rogue.Id);
        await SyncAsync();
        (await WithDbAsync(db => db.UnmanagedRunnerReports.AsNoTracking().CountAsync())).ShouldBe(0);

        var next = Simulator.AddRunner(Org, "rogue-again", ["team-g"], runnerGroupId: ManagedGroup);
        await SyncAsync();
        await SyncAsync();

        var events = await SecurityEventsAsync("runner.unmanaged");
        events.Count.ShouldBe(2);
        events.Select(e => Details(e).GetProperty("githubRunnerId").GetInt64()).ShouldBe([rogue.Id, next.Id], ignoreOrder: true);
    }

    [Test]
    public async Task An_unmanaged_runner_claimed_by_a_row_is_forgotten_and_reported_again_once_the_row_is_gone()
    {
        var team = await SeedGroupTeamAsync();
        var runner = Simulator.AddRunner(Org, "ci-claim", ["team-g"], runnerGroupId: ManagedGroup);
        await SyncAsync();
        (await SecurityEventsAsync("runner.unmanaged")).ShouldHaveSingleItem();

        var row = await SeedRowAsync(team, "ci-claim", RunnerKind.RegistrationToken, ManagedGroup, ephemeral: false, gitHubId: null, ["team-g"]);
        await SyncAsync();
        (await RunnerAsync(row.Id)).GitHubRunnerId.ShouldBe(runner.Id, "the row claims it");
        (await WithDbAsync(db => db.UnmanagedRunnerReports.AsNoTracking().CountAsync())).ShouldBe(0);

        await WithDbAsync(async db =>
        {
            var stored = await db.Runners.SingleAsync(r => r.Id == row.Id);
            stored.Delete(RunnerDeletionReason.Requested, "test", Clock.GetUtcNow()).IsSuccess.ShouldBeTrue();
            await db.SaveChangesAsync();
        });
        await SyncAsync();
        await SyncAsync();

        (await SecurityEventsAsync("runner.unmanaged")).Count.ShouldBe(2);
    }

    [TestCase(ManagedGroup, false, "group_drift")]
    [TestCase(1L, true, "ephemeral_drift")]
    public async Task A_busy_drifted_runners_cancelled_run_is_audited_with_its_own_drift_reason(long groupAtGitHub, bool ephemeralAtGitHub, string reason)
    {
        SyncSettings.DeleteBusyOnDrift = true;
        var atGitHub = Simulator.AddRunner(Org, "ci-busy", TeamLabels, online: true, runnerGroupId: groupAtGitHub, ephemeral: ephemeralAtGitHub);
        Simulator.SetBusy(Org, atGitHub.Id, busy: true);
        var row = await SeedRowAsync(Team, "ci-busy", RunnerKind.Jit, group: 1, ephemeral: false, atGitHub.Id, TeamLabels);
        await WithDbAsync(async db =>
        {
            db.RunnerJobs.Add(RunnerJob.Start(row.Id, 9002, 78, "octo-org/app", "CI", "build", Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });

        await SyncAsync();

        Simulator.CancelledRuns.ShouldBe(["octo-org/app/78"]);
        var cancelled = (await AuditEventsAsync("runner.job_cancelled")).ShouldHaveSingleItem();
        JsonDocument.Parse(cancelled.DetailsJson).RootElement.GetProperty("reason").GetString().ShouldBe(reason);
    }

    [Test]
    public async Task The_default_group_is_managed_only_when_configured()
    {
        Simulator.AddRunner(Org, "org-own-3", ["x"], runnerGroupId: 1);

        await SyncAsync();
        (await SecurityEventsAsync("runner.unmanaged")).ShouldBeEmpty();

        SyncSettings.ManageDefaultGroup = true;
        await SyncAsync();
        (await SecurityEventsAsync("runner.unmanaged")).ShouldHaveSingleItem();
    }

    [Test]
    public async Task A_registration_token_row_does_not_adopt_a_lookalike_and_the_lookalike_is_unmanaged()
    {
        SyncSettings.ManageDefaultGroup = true;
        var row = await SeedTokenRunnerAsync("ci-token-x", TimeSpan.FromHours(1));
        var lookalike = Simulator.AddRunner(Org, "CI-TOKEN-X", [.. TeamLabels, "team-b"]);

        Clock.Advance(TimeSpan.FromMinutes(10));
        await SyncAsync();

        var stored = await RunnerAsync(row.Id);
        stored.GitHubRunnerId.ShouldBeNull();
        stored.Status.ShouldBe(RunnerStatus.Pending);
        Details((await SecurityEventsAsync("runner.unmanaged")).ShouldHaveSingleItem()).GetProperty("githubRunnerId").GetInt64().ShouldBe(lookalike.Id);
    }

    [Test]
    public async Task A_registration_token_row_does_not_adopt_a_runner_of_another_group_or_flag()
    {
        var wrongGroup = await SeedTokenRunnerAsync("ci-token-g", TimeSpan.FromHours(1));
        var wrongFlag = await SeedTokenRunnerAsync("ci-token-e", TimeSpan.FromHours(1));
        Simulator.AddRunner(Org, "ci-token-g", TeamLabels, runnerGroupId: ManagedGroup);
        Simulator.AddRunner(Org, "ci-token-e", TeamLabels, ephemeral: true);

        await SyncAsync();

        (await RunnerAsync(wrongGroup.Id)).GitHubRunnerId.ShouldBeNull();
        (await RunnerAsync(wrongFlag.Id)).GitHubRunnerId.ShouldBeNull();
    }

    [TestCase(ManagedGroup, true, RunnerDeletionReason.GroupDrift, "runner.group_drift")]
    [TestCase(1L, false, RunnerDeletionReason.EphemeralDrift, "runner.ephemeral_drift")]
    public async Task Group_and_ephemeral_drift_are_removed_like_label_drift(long groupAtGitHub, bool ephemeralAtGitHub, RunnerDeletionReason reason, string eventType)
    {
        var atGitHub = Simulator.AddRunner(Org, "ci-drift", TeamLabels, online: true, runnerGroupId: groupAtGitHub, ephemeral: ephemeralAtGitHub);
        var row = await SeedRowAsync(Team, "ci-drift", RunnerKind.Jit, group: 1, ephemeral: true, atGitHub.Id, TeamLabels);

        await SyncAsync();

        var stored = await RunnerAsync(row.Id);
        stored.Status.ShouldBe(RunnerStatus.Deleted);
        stored.DeletionReason.ShouldBe(reason);
        Simulator.FindRunner(Org, atGitHub.Id).ShouldBeNull();
        var drift = (await SecurityEventsAsync(eventType)).ShouldHaveSingleItem();
        drift.Severity.ShouldBe(SecuritySeverity.High);
        Details(drift).GetProperty("runnerGroupIdAtGitHub").GetInt64().ShouldBe(groupAtGitHub);
    }

    [Test]
    public async Task An_abandoned_reservation_removes_only_a_runner_exactly_as_requested()
    {
        var reservation = Runner.Reserve(Team.Id, Org, "ci-orphan", RunnerKind.Jit, [], TeamLabels, 1, 1, ephemeral: true, new AuditActor(PrincipalKind.User, "u-1", "Alice"), Clock.GetUtcNow());
        await WithDbAsync(async db =>
        {
            db.Runners.Add(reservation);
            await db.SaveChangesAsync();
        });
        var lookalike = Simulator.AddRunner(Org, "ci-orphan", ["someone-else"], ephemeral: true);

        Clock.Advance(TimeSpan.FromMinutes(10));
        await SyncAsync();

        (await RunnerAsync(reservation.Id)).DeletionReason.ShouldBe(RunnerDeletionReason.ProvisioningFailed);
        Simulator.FindRunner(Org, lookalike.Id).ShouldNotBeNull("a same-named runner with other labels is not the request's orphan");
    }
}
