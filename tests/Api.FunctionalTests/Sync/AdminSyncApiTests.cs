using System.Net;
using RunnerTokens.Application.Sync.Common;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.Sync;

/// <summary>
/// <c>POST /api/v1/admin/sync</c> (sync now) and <c>GET /api/v1/admin/sync</c> (last run per organization):
/// admins only. Two organizations (GitHub simulator); the background sync is off so nothing else holds
/// their leases.
/// </summary>
public sealed class AdminSyncApiTests : FunctionalTestBase
{
    private SeededUser _admin = null!;
    private SeededUser _member = null!;
    private Team _acme = null!;
    private Team _globex = null!;

    protected override ApiFactoryOptions FactoryOptions => new()
    {
        Settings = new Dictionary<string, string?> { ["Sync:Enabled"] = "false" },
    };

    [OneTimeSetUp]
    public async Task Seed()
    {
        _admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        _member = await Factory.SeedUserAsync(Unique("member"));
        _acme = await Factory.SeedTeamAsync(Unique("acme"), organization: "acme", policy: RunnerPolling.Policy);
        _globex = await Factory.SeedTeamAsync(Unique("globex"), organization: "globex", policy: RunnerPolling.Policy);
        await Factory.AddMemberAsync(_acme, _member);
    }

    [Test]
    public async Task An_admin_syncs_now_and_gets_one_result_per_organization()
    {
        await RunnerPolling.ProvisionJitAsync(ClientFor(_member), _acme.Name);

        var runs = await (await ClientFor(_admin).PostAsync("/api/v1/admin/sync", content: null))
            .ShouldBeJsonAsync<List<SyncRunDto>>();

        runs.Select(r => r.Organization).ShouldBe([_acme.Organization, _globex.Organization], ignoreOrder: true);
        foreach (var run in runs)
        {
            run.Skipped.ShouldBeFalse(run.Organization);
            run.Errors.ShouldBe(0, run.LastError);
            run.LastError.ShouldBeNull();
            run.RunnersAtGitHub.ShouldNotBeNull(run.Organization);
        }

        runs.Single(r => r.Organization == _acme.Organization).RunnersAtGitHub!.Value.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Test]
    public async Task An_admin_reads_the_last_run_of_each_organization()
    {
        var synced = await (await ClientFor(_admin).PostAsync("/api/v1/admin/sync", content: null))
            .ShouldBeJsonAsync<List<SyncRunDto>>();

        var status = await (await ClientFor(_admin).GetAsync("/api/v1/admin/sync")).ShouldBeJsonAsync<List<SyncRunDto>>();

        status.Select(r => r.Organization).ShouldBe([_acme.Organization, _globex.Organization], ignoreOrder: true);
        foreach (var run in status)
        {
            var last = synced.Single(s => s.Organization == run.Organization);
            run.StartedAt.ShouldBe(last.StartedAt, TimeSpan.FromMilliseconds(1), run.Organization);
            run.Errors.ShouldBe(0);
        }
    }

    [Test]
    public async Task Members_get_403()
    {
        var member = ClientFor(_member);

        await (await member.PostAsync("/api/v1/admin/sync", content: null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.admin_required");
        await (await member.GetAsync("/api/v1/admin/sync")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.admin_required");
    }

    [Test]
    public async Task Anonymous_callers_get_401()
    {
        await (await Anonymous().PostAsync("/api/v1/admin/sync", content: null)).ShouldBeUnauthorizedAsync("auth.unauthenticated", invalidToken: false);
        await (await Anonymous().GetAsync("/api/v1/admin/sync")).ShouldBeUnauthorizedAsync("auth.unauthenticated", invalidToken: false);
    }
}
