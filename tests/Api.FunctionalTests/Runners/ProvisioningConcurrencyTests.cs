using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.Runners;

/// <summary>
/// Many simultaneous provisioning requests against one team: the quota and name uniqueness must hold exactly,
/// on SQLite and on PostgreSQL (the throwaway cluster scripts/test.sh starts).
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSql")]
public sealed class ProvisioningConcurrencyTests(string provider) : FunctionalTestBase
{
    private const int Parallel = 24;

    protected override ApiFactoryOptions FactoryOptions => provider == "PostgreSql"
        ? new ApiFactoryOptions { PostgreSqlConnectionString = ApiFactoryOptions.PostgreSqlFromEnvironment }
        : new ApiFactoryOptions();

    [OneTimeSetUp]
    public void RequireProvider()
    {
        if (provider == "PostgreSql" && ApiFactoryOptions.PostgreSqlFromEnvironment is null)
        {
            Assert.Ignore("PostgreSQL: set RUNNERTOKENS_TEST_POSTGRES (scripts/test.sh starts a throwaway cluster and sets it).");
        }
    }

    private async Task<(Team Team, HttpClient[] Clients)> TeamAsync(int? maxRunners)
    {
        var team = await Factory.SeedTeamAsync(Unique("team"), policy: new LabelPolicySettings([], ["load-.*"], [], null, maxRunners, false, false));
        var clients = new HttpClient[Parallel];
        for (var i = 0; i < Parallel; i++)
        {
            var user = await Factory.SeedUserAsync(Unique("u"));
            await Factory.AddMemberAsync(team, user);
            clients[i] = ClientFor(user);
        }

        return (team, clients);
    }

    private static async Task<HttpResponseMessage[]> AllAtOnceAsync(HttpClient[] clients, Func<int, object> body)
    {
        using var start = new ManualResetEventSlim();
        var requests = clients.Select((client, i) => Task.Run(async () =>
        {
            start.Wait();
            return await client.PostAsJsonAsync("/api/v1/runners/jit", body(i));
        })).ToArray();
        start.Set();
        return await Task.WhenAll(requests);
    }

    [Test]
    public async Task A_quota_of_five_admits_exactly_five_of_many_simultaneous_requests()
    {
        var (team, clients) = await TeamAsync(maxRunners: 5);

        var responses = await AllAtOnceAsync(clients, i => new { team = team.Name, name = $"load-{i}", labels = new[] { "load-x" } });

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(5);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "runner.quota_exceeded");
        }

        (await Factory.WithDbAsync(db => db.Runners.CountAsync(r => r.TeamId == team.Id && r.Status != RunnerStatus.Deleted))).ShouldBe(5);
    }

    [Test]
    public async Task One_name_requested_many_times_at_once_is_given_exactly_once()
    {
        var (team, clients) = await TeamAsync(maxRunners: null);
        var name = Unique("load");

        var responses = await AllAtOnceAsync(clients, _ => new { team = team.Name, name, labels = new[] { "load-x" } });

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "runner.name_conflict");
        }

        (await Factory.WithDbAsync(db => db.Runners.CountAsync(r => r.Name == name))).ShouldBe(1);
    }
}
