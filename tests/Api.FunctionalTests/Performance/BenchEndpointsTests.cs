using System.Net;
using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Api.FunctionalTests.Performance;

/// <summary>The bench endpoints (bench/run.sh) exist only with <c>Bench:Enabled=true</c>.</summary>
public sealed class BenchEndpointsAbsentTests : FunctionalTestBase
{
    [TestCase("/bench/bare")]
    [TestCase("/bench/stats")]
    public async Task Without_the_bench_setting_the_endpoint_does_not_exist(string path)
    {
        var user = await Factory.SeedUserAsync(Unique("bench"));

        (await ClientFor(user).GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Anonymous().GetAsync(path)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }
}

/// <summary>With <c>Bench:Enabled=true</c>: the bare endpoint authenticates like the API, the stats answer.</summary>
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
