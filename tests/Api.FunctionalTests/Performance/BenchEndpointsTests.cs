using System.Net;
using System.Text.Json;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.Performance;

/// <summary>The bench endpoints (bench/run.sh) exist only with <c>Bench:Enabled=true</c>.</summary>
public sealed class BenchEndpointsAbsentTests : FunctionalTestBase
{
    [TestCase("/bench/bare")]
    [TestCase("/bench/stats")]
    [TestCase("/bench/query?team=00000000-0000-0000-0000-000000000001")]
    public async Task Without_the_bench_setting_the_endpoint_does_not_exist(string path)
    {
        var user = await Factory.SeedUserAsync(Unique("bench"));

        (await ClientFor(user).GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Anonymous().GetAsync(path)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }
}

/// <summary>With <c>Bench:Enabled=true</c>: the bare and query endpoints authenticate like the API, the stats answer.</summary>
public sealed class BenchEndpointsEnabledTests : FunctionalTestBase
{
    protected override ApiFactoryOptions FactoryOptions => new()
    {
        Settings = new Dictionary<string, string?> { ["Bench:Enabled"] = "true" },
    };

    [Test]
    public async Task The_bare_endpoint_needs_a_valid_token_of_a_trusted_issuer()
    {
        (await ClientWith(Issuers.Primary.UserToken("bench-bare", "bench-bare@example.test", "Bench")).GetAsync("/bench/bare"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Anonymous().GetAsync("/bench/bare")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ClientWith(Issuers.Untrusted.UserToken("bench-bare", "bench-bare@example.test", "Bench")).GetAsync("/bench/bare"))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task The_query_endpoint_answers_a_teams_live_runners_newest_first_and_only_to_a_valid_token()
    {
        var member = await Factory.SeedUserAsync(Unique("bench-query"));
        var team = await Factory.SeedTeamAsync(Unique("bench-query"), policy: RunnerPolling.Policy);
        var other = await Factory.SeedTeamAsync(Unique("bench-other"), policy: RunnerPolling.Policy);
        await Factory.AddMemberAsync(team, member, TeamRole.Member);
        await Factory.AddMemberAsync(other, member, TeamRole.Member);
        var client = ClientFor(member);
        for (var i = 0; i < 3; i++)
        {
            await RunnerPolling.ProvisionJitAsync(client, team.Name);
        }

        await RunnerPolling.ProvisionJitAsync(client, other.Name);
        var listed = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/runners?team={team.Name}&limit=50"))
            .RootElement.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();

        var response = await client.GetAsync($"/bench/query?team={team.Id}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray()
            .Select(r => r.GetProperty("id").GetString()).ToList();
        rows.ShouldBe(listed); // the list's own rows in the list's order, the other team's runner not among them
        rows.Count.ShouldBe(3);
        (await Anonymous().GetAsync($"/bench/query?team={team.Id}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task The_stats_report_cumulative_runtime_figures()
    {
        var text = await Anonymous().GetStringAsync("/bench/stats");

        text.ShouldContain("\"allocatedBytes\":");
        text.ShouldContain("\"cpuMilliseconds\":");
        text.ShouldContain("\"jitCompiledMethods\":");
        text.ShouldContain("\"gcHeapBytes\":");
        text.ShouldContain("\"gcCommittedBytes\":");
    }
}
