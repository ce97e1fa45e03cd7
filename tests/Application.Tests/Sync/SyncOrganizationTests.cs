using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Sync.Common;
using RunnerTokens.Application.Sync.SyncOrganization;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Tests.Sync;

public sealed class SyncOrganizationTests : SyncTestBase
{
    [Test]
    public async Task Maps_GitHub_status_for_more_than_100_runners_across_pages()
    {
        var runners = new List<Runner>();
        for (var i = 0; i < 150; i++)
        {
            runners.Add(await SeedJitRunnerAsync($"ci-{i:D3}"));
        }

        // Unmanaged runners at GitHub are not the service's business.
        for (var i = 0; i < 20; i++)
        {
            Simulator.AddRunner(Org, $"hand-made-{i}", ["other"]);
        }

        for (var i = 0; i < 100; i++)
        {
            Simulator.SetOnline(Org, GitHubId(runners[i]));
            if (i >= 50)
            {
                Simulator.SetBusy(Org, GitHubId(runners[i]), busy: true);
            }
        }

        Clock.Advance(TimeSpan.FromMinutes(1));
        var run = await SyncAsync();

        run.RunnersAtGitHub.ShouldBe(170);
        run.Changes.ShouldBe(100);
        run.Errors.ShouldBe(0);
        Simulator.Requests.ShouldContain(r => r.Path.EndsWith("/actions/runners", StringComparison.Ordinal) && r.Query.Contains("page=2", StringComparison.Ordinal));
        var stored = (await RunnersAsync()).ToDictionary(r => r.Id);
        runners.Take(50).ShouldAllBe(r => stored[r.Id].Status == RunnerStatus.Idle);
        runners.Skip(50).Take(50).ShouldAllBe(r => stored[r.Id].Status == RunnerStatus.Busy);
        // GitHub lists a new JIT runner as offline: it stays pending until first seen online.
        runners.Skip(100).ShouldAllBe(r => stored[r.Id].Status == RunnerStatus.Pending && stored[r.Id].FirstOnlineAt == null);
        runners.Take(100).ShouldAllBe(r => stored[r.Id].FirstOnlineAt == Clock.GetUtcNow());
        var audits = await AuditEventsAsync("runner.status_changed");
        audits.Count.ShouldBe(100);
        audits.ShouldAllBe(a => a.ActorId == AuditActor.Sync.Id && a.ActorKind == AuditActor.Sync.Kind);

        // An idle runner whose machine disappears goes offline; a second sync with nothing new changes nothing.
        for (var i = 0; i < 10; i++)
        {
            Simulator.SetOffline(Org, GitHubId(runners[i]));
        }

        Clock.Advance(TimeSpan.FromMinutes(1));
        (await SyncAsync()).Changes.ShouldBe(10);
        stored = (await RunnersAsync()).ToDictionary(r => r.Id);
        runners.Take(10).ShouldAllBe(r => stored[r.Id].Status == RunnerStatus.Offline && stored[r.Id].OfflineSince == Clock.GetUtcNow());
        (await SyncAsync()).Changes.ShouldBe(0);
    }

    [Test]
    public async Task A_pending_JIT_runner_never_seen_online_is_removed_after_the_pending_timeout()
    {
        var runner = await SeedJitRunnerAsync("ci-late");

        Clock.Advance(TimeSpan.FromMinutes(29));
        (await SyncAsync()).Changes.ShouldBe(0);
        (await RunnerAsync(runner.Id)).Status.ShouldBe(RunnerStatus.Pending);

        Clock.Advance(TimeSpan.FromMinutes(1));
        (await SyncAsync()).Changes.ShouldBe(1);

        var stored = await RunnerAsync(runner.Id);
        stored.Status.ShouldBe(RunnerStatus.Deleted);
        stored.DeletionReason.ShouldBe(RunnerDeletionReason.NeverRegistered);
        stored.DeletedBy.ShouldBe("sync");
        Simulator.FindRunner(Org, GitHubId(runner)).ShouldBeNull();
        (await AuditEventsAsync("runner.deleted")).ShouldHaveSingleItem().ActorId.ShouldBe(AuditActor.Sync.Id);
    }

    [Test]
    public async Task A_registration_token_runner_is_matched_by_name_or_removed_after_its_token_expired_plus_the_grace()
    {
        var registers = await SeedTokenRunnerAsync("ci-token-1", TimeSpan.FromHours(1));
        var never = await SeedTokenRunnerAsync("ci-token-2", TimeSpan.FromHours(1));
        var atGitHub = Simulator.AddRunner(Org, "CI-TOKEN-1", TeamLabels);

        Clock.Advance(TimeSpan.FromMinutes(10));
        (await SyncAsync()).Changes.ShouldBe(1);
        var matched = await RunnerAsync(registers.Id);
        matched.GitHubRunnerId.ShouldBe(atGitHub.Id);
        matched.Status.ShouldBe(RunnerStatus.Idle);

        Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(19));
        (await SyncAsync()).Changes.ShouldBe(0);
        (await RunnerAsync(never.Id)).Status.ShouldBe(RunnerStatus.Pending);

        Clock.Advance(TimeSpan.FromMinutes(1));
        (await SyncAsync()).Changes.ShouldBe(1);
        var expired = await RunnerAsync(never.Id);
        expired.Status.ShouldBe(RunnerStatus.Deleted);
        expired.DeletionReason.ShouldBe(RunnerDeletionReason.NeverRegistered);
    }

    [Test]
    public async Task A_runner_missing_at_GitHub_is_marked_deleted_with_the_right_reason()
    {
        var persistent = await SeedJitRunnerAsync("ci-persistent", ephemeral: false);
        var ephemeral = await SeedJitRunnerAsync("ci-ephemeral", ephemeral: true);
        Simulator.SetOnline(Org, GitHubId(persistent));
        Simulator.SetOnline(Org, GitHubId(ephemeral));
        await SyncAsync();

        Simulator.RemoveRunner(Org, GitHubId(persistent)).ShouldBeTrue();
        Simulator.RemoveRunner(Org, GitHubId(ephemeral)).ShouldBeTrue();
        Clock.Advance(TimeSpan.FromMinutes(1));
        (await SyncAsync()).Changes.ShouldBe(2);

        (await RunnerAsync(persistent.Id)).DeletionReason.ShouldBe(RunnerDeletionReason.RemovedAtGitHub);
        (await RunnerAsync(ephemeral.Id)).DeletionReason.ShouldBe(RunnerDeletionReason.EphemeralFinished);
    }

    [Test]
    public async Task A_runner_offline_longer_than_the_offline_timeout_is_removed_at_GitHub()
    {
        var runner = await SeedJitRunnerAsync("ci-gone", ephemeral: false);
        Simulator.SetOnline(Org, GitHubId(runner));
        await SyncAsync();
        Simulator.SetOffline(Org, GitHubId(runner));
        Clock.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync();
        (await RunnerAsync(runner.Id)).Status.ShouldBe(RunnerStatus.Offline);

        Clock.Advance(TimeSpan.FromHours(23));
        (await SyncAsync()).Changes.ShouldBe(0);

        Clock.Advance(TimeSpan.FromHours(1));
        (await SyncAsync()).Changes.ShouldBe(1);
        var stored = await RunnerAsync(runner.Id);
        stored.Status.ShouldBe(RunnerStatus.Deleted);
        stored.DeletionReason.ShouldBe(RunnerDeletionReason.OfflineTooLong);
        Simulator.FindRunner(Org, GitHubId(runner)).ShouldBeNull();
    }

    [Test]
    public async Task An_idle_runner_with_drifted_labels_is_removed_with_a_high_security_event()
    {
        var runner = await SeedJitRunnerAsync("ci-drift", ephemeral: false);
        Simulator.SetOnline(Org, GitHubId(runner));
        await SyncAsync();
        (await SecurityEventsAsync("runner.label_drift")).ShouldBeEmpty(); // read-only labels are not drift

        Simulator.Relabel(Org, GitHubId(runner), [.. TeamLabels, "prod-deploy"]);
        Clock.Advance(TimeSpan.FromMinutes(1));
        (await SyncAsync()).Changes.ShouldBe(1);

        var stored = await RunnerAsync(runner.Id);
        stored.Status.ShouldBe(RunnerStatus.Deleted);
        stored.DeletionReason.ShouldBe(RunnerDeletionReason.LabelDrift);
        stored.LabelDriftDetectedAt.ShouldNotBeNull();
        Simulator.FindRunner(Org, GitHubId(runner)).ShouldBeNull();
        var events = await SecurityEventsAsync("runner.label_drift");
        events.ShouldHaveSingleItem().Severity.ShouldBe(SecuritySeverity.High);
        events[0].RunnerId.ShouldBe(runner.Id);
    }

    [Test]
    public async Task A_busy_runner_with_drifted_labels_is_reported_once_and_removed_when_idle()
    {
        var runner = await SeedJitRunnerAsync("ci-busy-drift", ephemeral: false);
        Simulator.SetOnline(Org, GitHubId(runner));
        Simulator.SetBusy(Org, GitHubId(runner), busy: true);
        Simulator.Relabel(Org, GitHubId(runner), ["team-a"]);

        await SyncAsync();
        Clock.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync();

        var kept = await RunnerAsync(runner.Id);
        kept.Status.ShouldBe(RunnerStatus.Busy);
        kept.LabelDriftDetectedAt.ShouldNotBeNull();
        (await SecurityEventsAsync("runner.label_drift")).ShouldHaveSingleItem();

        Simulator.SetBusy(Org, GitHubId(runner), busy: false);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync();

        var removed = await RunnerAsync(runner.Id);
        removed.Status.ShouldBe(RunnerStatus.Deleted);
        removed.DeletionReason.ShouldBe(RunnerDeletionReason.LabelDrift);
        Simulator.FindRunner(Org, GitHubId(runner)).ShouldBeNull();
        (await SecurityEventsAsync("runner.label_drift")).ShouldHaveSingleItem();
    }

    [Test]
    public async Task With_DeleteBusyOnDrift_a_busy_drifted_runner_has_its_run_cancelled_and_is_removed_as_soon_as_GitHub_allows()
    {
        SyncSettings.DeleteBusyOnDrift = true;
        var runner = await SeedJitRunnerAsync("ci-busy-drift", ephemeral: false);
        Simulator.SetOnline(Org, GitHubId(runner));
        Simulator.SetBusy(Org, GitHubId(runner), busy: true);
        await WithDbAsync(async db =>
        {
            db.RunnerJobs.Add(RunnerJob.Start(runner.Id, 9001, 77, "octo-org/app", "CI", "build", Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });
        Simulator.Relabel(Org, GitHubId(runner), ["team-a", "gpu", "prod"]);

        var first = await SyncAsync();

        // GitHub refuses to remove a runner while it runs a job (422): its run is cancelled at once instead.
        Simulator.CancelledRuns.ShouldBe(["octo-org/app/77"]);
        first.Errors.ShouldBe(1);
        (await SecurityEventsAsync("runner.label_drift")).ShouldHaveSingleItem();
        (await RunnerAsync(runner.Id)).LabelDriftDetectedAt.ShouldNotBeNull();

        Simulator.SetBusy(Org, GitHubId(runner), busy: false); // the cancelled job ends
        Clock.Advance(TimeSpan.FromSeconds(30));
        await SyncAsync();

        var removed = await RunnerAsync(runner.Id);
        removed.Status.ShouldBe(RunnerStatus.Deleted);
        removed.DeletionReason.ShouldBe(RunnerDeletionReason.LabelDrift);
        (await SecurityEventsAsync("runner.label_drift")).ShouldHaveSingleItem();
        var job = await WithDbAsync(db => db.RunnerJobs.AsNoTracking().SingleAsync());
        job.EnforcementOutcome.ShouldBe("cancelled");
    }

    [Test]
    public async Task A_run_of_an_organization_this_replica_is_syncing_already_waits_for_it_then_runs()
    {
        var runner = await SeedJitRunnerAsync("ci-twice");
        Simulator.SetOnline(Org, GitHubId(runner));
        var running = await Services.GetRequiredService<OrganizationSyncGate>().EnterAsync(Org, CancellationToken.None); // the worker's run, say
        var listsBefore = Simulator.Requests.Count(r => r.Path.EndsWith("/actions/runners", StringComparison.Ordinal));

        var second = SyncAsync(); // an admin's sync-now on the same replica, under the same lease

        // Without the gate the second run lists the runners within milliseconds; with it, nothing happens while the first runs.
        for (var waited = 0; waited < 40 && !second.IsCompleted; waited++)
        {
            Simulator.Requests.Count(r => r.Path.EndsWith("/actions/runners", StringComparison.Ordinal)).ShouldBe(listsBefore);
            await Task.Delay(50);
        }

        second.IsCompleted.ShouldBeFalse();
        running.Dispose();
        (await second).Skipped.ShouldBeFalse();
        (await RunnerAsync(runner.Id)).Status.ShouldBe(RunnerStatus.Idle);
    }

    [Test]
    public async Task Yields_while_the_rate_limit_is_below_the_reserve_and_says_so()
    {
        var runner = await SeedJitRunnerAsync("ci-yield");
        Simulator.SetRateLimit(Org, remaining: 100, resetIn: TimeSpan.FromMinutes(20));
        await SyncAsync(); // this call reads the low budget from GitHub's headers
        Simulator.SetOnline(Org, GitHubId(runner));
        var listsBefore = Simulator.Requests.Count(r => r.Path.EndsWith("/actions/runners", StringComparison.Ordinal));

        var yielded = await SyncAsync();

        yielded.Yielded.ShouldBeTrue();
        yielded.RateLimitRemaining.ShouldNotBeNull().ShouldBeLessThan(100);
        Simulator.Requests.Count(r => r.Path.EndsWith("/actions/runners", StringComparison.Ordinal)).ShouldBe(listsBefore);
        (await RunnerAsync(runner.Id)).Status.ShouldBe(RunnerStatus.Pending);
        var status = await WithDbAsync(db => db.OrganizationSyncStatuses.AsNoTracking().SingleAsync());
        status.Yielded.ShouldBeTrue();
        status.Organization.ShouldBe(Org);

        Clock.Advance(TimeSpan.FromMinutes(21));
        var resumed = await SyncAsync();
        resumed.Yielded.ShouldBeFalse();
        (await RunnerAsync(runner.Id)).Status.ShouldBe(RunnerStatus.Idle);
    }

    [Test]
    public async Task Records_the_last_run_per_organization()
    {
        await SeedJitRunnerAsync("ci-1");
        Simulator.FailNext(System.Net.HttpStatusCode.NotFound, "/actions/runners");
        var failed = await SyncAsync();
        failed.Errors.ShouldBe(1);
        failed.RunnersAtGitHub.ShouldBeNull();

        Clock.Advance(TimeSpan.FromMinutes(1));
        var ok = await SyncAsync();

        var status = await WithDbAsync(db => db.OrganizationSyncStatuses.AsNoTracking().SingleAsync());
        status.Runs.ShouldBe(2);
        status.StartedAt.ShouldBe(Clock.GetUtcNow());
        status.Errors.ShouldBe(0);
        status.LastError.ShouldBeNull();
        status.RunnersAtGitHub.ShouldBe(1);
        status.RateLimitRemaining.ShouldBe(ok.RateLimitRemaining);
        status.RateLimitRemaining.ShouldNotBeNull();
    }

    [Test]
    public async Task Finds_the_organizations_runners_whatever_their_teams_spelling_and_no_others()
    {
        var shouting = await SeedTeamAsync("team-b", "OCTO-ORG");
        var elsewhere = await SeedTeamAsync("team-c", "other-org");
        var ours = await SeedJitRunnerAsync("ci-shouting", team: shouting);
        var theirs = await SeedJitRunnerAsync("ci-elsewhere", team: elsewhere);
        Simulator.SetOnline(Org, GitHubId(ours));
        Simulator.SetOnline(Org, GitHubId(theirs));

        var run = await SendAsync(new SyncOrganizationCommand("Octo-Org"));

        run.IsSuccess.ShouldBeTrue();
        run.Value.Organization.ShouldBe(Org);
        run.Value.Changes.ShouldBe(1);
        (await RunnerAsync(ours.Id)).Status.ShouldBe(RunnerStatus.Idle);
        (await RunnerAsync(theirs.Id)).Status.ShouldBe(RunnerStatus.Pending);
    }
}
