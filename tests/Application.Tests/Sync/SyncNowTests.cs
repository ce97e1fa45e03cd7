using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Sync.Common;
using RunnerTokens.Application.Sync.SyncNow;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Tests.Sync;

/// <summary>An admin's "sync now": every organization under its lease, each synced by sending SyncOrganizationCommand.</summary>
public sealed class SyncNowTests : SyncTestBase
{
    [SetUp]
    public async Task ActAsAdminAsync() => await ActAsAsync(await SeedUserAsync("admin", isAdmin: true));

    [Test]
    public async Task Syncs_each_organization_under_its_lease_and_returns_one_run_per_organization()
    {
        await SeedTeamAsync("team-b", "globex");
        var runner = await SeedJitRunnerAsync("ci-now");
        Simulator.SetOnline(Org, GitHubId(runner));

        var result = await SendAsync(new SyncNowCommand());

        result.IsSuccess.ShouldBeTrue();
        result.Value.Select(r => r.Organization).ShouldBe(["globex", Org]);
        result.Value.ShouldAllBe(r => !r.Skipped);
        Leases.Acquired.ShouldBe([SyncOptions.LeaseName("globex"), SyncOptions.LeaseName(Org)]);
        var octo = result.Value.Single(r => r.Organization == Org);
        octo.Changes.ShouldBe(1);
        octo.RunnersAtGitHub.ShouldBe(1);
        (await RunnerAsync(runner.Id)).Status.ShouldBe(RunnerStatus.Idle);
        (await WithDbAsync(db => db.OrganizationSyncStatuses.AsNoTracking().Select(s => s.Organization).ToListAsync()))
            .ShouldBe(["globex", Org], ignoreOrder: true);
    }

    [Test]
    public async Task An_organization_another_replica_is_syncing_is_reported_skipped_and_left_alone()
    {
        var runner = await SeedJitRunnerAsync("ci-elsewhere");
        Simulator.SetOnline(Org, GitHubId(runner));
        Leases.HeldElsewhere.Add(SyncOptions.LeaseName(Org));

        var result = await SendAsync(new SyncNowCommand());

        var skipped = result.Value.ShouldHaveSingleItem();
        skipped.Organization.ShouldBe(Org);
        skipped.Skipped.ShouldBeTrue();
        skipped.StartedAt.ShouldBe(Clock.GetUtcNow());
        skipped.RunnersAtGitHub.ShouldBeNull();
        (await RunnerAsync(runner.Id)).Status.ShouldBe(RunnerStatus.Pending);
        (await WithDbAsync(db => db.OrganizationSyncStatuses.AnyAsync())).ShouldBeFalse();
        Simulator.Requests.ShouldNotContain(r => r.Path.EndsWith("/actions/runners", StringComparison.Ordinal));
    }
}
