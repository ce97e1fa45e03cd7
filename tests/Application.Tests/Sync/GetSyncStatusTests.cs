using RunnerTokens.Application.Sync.GetSyncStatus;
using RunnerTokens.Application.Sync.SyncOrganization;

namespace RunnerTokens.Application.Tests.Sync;

/// <summary>The last recorded sync run of each organization.</summary>
public sealed class GetSyncStatusTests : SyncTestBase
{
    [SetUp]
    public async Task ActAsAdminAsync() => await ActAsAsync(await SeedUserAsync("admin", isAdmin: true));

    [Test]
    public async Task Nothing_synced_yet_is_an_empty_list()
    {
        var result = await SendAsync(new GetSyncStatusQuery());

        result.IsSuccess.ShouldBeTrue();
        result.Value.ShouldBeEmpty();
    }

    [Test]
    public async Task Returns_the_last_run_of_each_organization_in_name_order()
    {
        await SeedTeamAsync("team-b", "acme");
        await SeedJitRunnerAsync("ci-1");
        await SendAsync(new SyncOrganizationCommand(Org));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var last = (await SendAsync(new SyncOrganizationCommand(Org))).Value;
        var acme = (await SendAsync(new SyncOrganizationCommand("ACME"))).Value;

        var result = await SendAsync(new GetSyncStatusQuery());

        result.IsSuccess.ShouldBeTrue();
        result.Value.ShouldBe([acme, last]);
        result.Value[1].StartedAt.ShouldBe(Clock.GetUtcNow());
        result.Value[1].RunnersAtGitHub.ShouldBe(1);
        result.Value.ShouldAllBe(r => !r.Skipped);
    }
}
