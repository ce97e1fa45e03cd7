using System.Net;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.Performance;

/// <summary>
/// Guards the allocation budget of the runner list (issue 10), in process and without any timing: after a warm-up,
/// the bytes allocated by the whole process over many sequential list requests, minus those of as many requests to
/// the bare authenticated endpoint (the test client, the in-memory server and token validation, which the service
/// does not control), per request. Sequential and on a quiet host (no background sync), so the figure is stable.
/// bench/run.sh measures the same thing over real HTTP; docs/performance.md has both.
/// </summary>
[NonParallelizable]
public sealed class ListAllocationBudgetTests : FunctionalTestBase
{
    /// <summary>
    /// What listing 20 runners may allocate beyond the bare endpoint, per request. Measured here at about 61 KB
    /// (Debug build, EF's thread-safety checks on as in every test host; about 53 KB without them, as deployed) after
    /// the seventh issue 10 pass (label columns read into exact arrays, labels written by index), 63 KB after the
    /// fourth (SQLite connections without the provider's functions), 70 KB after the third (the list projected straight
    /// to its DTOs in a compiled query), 104 KB after the second, 121 KB after the first, about 350 KB above bare
    /// before either. The 30 KB for the whole request is not met (see docs/performance.md), so this guards against sliding back (materializing
    /// the runner entities again, a per-request query build or validator build, principal queries, a team lookup
    /// per list) rather than asserting the target.
    /// </summary>
    private const long BudgetBytesAboveBare = 75 * 1024;

    private const int Requests = 200;

    protected override ApiFactoryOptions FactoryOptions => new()
    {
        // EF's thread-safety checks stay on as in every test host (production turns them off): the compiled queries
        // bind to the first EF model they run against, and another setting here would make another model.
        Settings = new Dictionary<string, string?> { ["Bench:Enabled"] = "true", ["Sync:Enabled"] = "false" },
    };

    [Test]
    public async Task Listing_twenty_runners_stays_within_the_allocation_budget()
    {
        var member = await Factory.SeedUserAsync(Unique("alloc"));
        var team = await Factory.SeedTeamAsync(Unique("alloc"), policy: RunnerPolling.Policy);
        await Factory.AddMemberAsync(team, member, TeamRole.Member);
        var client = Factory.CreateUncheckedClient(member.Token()); // the contract check would count in the budget
        for (var i = 0; i < 20; i++)
        {
            await RunnerPolling.ProvisionJitAsync(client, team.Name);
        }

        var list = $"/api/v1/runners?team={team.Name}&limit=50";
        (await client.GetAsync(list)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var bare = await AllocatedPerRequestAsync(client, "/bench/bare");
        var listing = await AllocatedPerRequestAsync(client, list);
        var above = listing - bare;
        await TestContext.Out.WriteLineAsync($"bare {bare / 1024.0:0.0} KB, list {listing / 1024.0:0.0} KB, above bare {above / 1024.0:0.0} KB per request");

        above.ShouldBeLessThan(BudgetBytesAboveBare, $"list {listing} B, bare {bare} B per request");
    }

    private static async Task<long> AllocatedPerRequestAsync(HttpClient client, string path)
    {
        for (var i = 0; i < 50; i++) // warm-up: first-call caches, tiering
        {
            (await client.GetAsync(path)).EnsureSuccessStatusCode();
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Requests; i++)
        {
            using var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
        }

        return (GC.GetTotalAllocatedBytes(precise: true) - before) / Requests;
    }
}
