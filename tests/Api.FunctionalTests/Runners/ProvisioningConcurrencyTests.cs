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

    private static async Task<HttpResponseMessage[]> AllAtOnceAsync(HttpClient[] clients, Func<int, object> body, string path = "/api/v1/runners/jit")
    {
        using var start = new ManualResetEventSlim();
        var requests = clients.Select((client, i) => Task.Run(async () =>
        {
            start.Wait();
            return await client.PostAsJsonAsync(path, body(i));
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

    [Test]
    public async Task One_name_in_several_cases_from_several_teams_at_once_is_given_exactly_once()
    {
        // Different teams take different team locks, so only the database's normalized unique index can decide;
        // registration tokens do not ask GitHub about the name, so GitHub cannot decide it either.
        var teams = new Team[4];
        var clients = new HttpClient[Parallel];
        for (var t = 0; t < teams.Length; t++)
        {
            teams[t] = await Factory.SeedTeamAsync(Unique("team"), policy: new LabelPolicySettings([], ["load-.*"], [], null, null, true, false));
        }

        for (var i = 0; i < Parallel; i++)
        {
            var user = await Factory.SeedUserAsync(Unique("u"));
            await Factory.AddMemberAsync(teams[i % teams.Length], user);
            clients[i] = ClientFor(user);
        }

        var name = Unique("load");
        string[] spellings = [name, name.ToUpperInvariant(), char.ToUpperInvariant(name[0]) + name[1..], name[..^1] + char.ToUpperInvariant(name[^1])];

        var responses = await AllAtOnceAsync(
            clients,
            i => new { team = teams[i % teams.Length].Name, name = spellings[i % spellings.Length], labels = new[] { "load-x" } },
            "/api/v1/runners/registration-token");

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "runner.name_conflict");
        }

        var stored = await Factory.WithDbAsync(db => db.Runners.Where(r => r.Status != RunnerStatus.Deleted).Select(r => r.Name).ToListAsync());
        stored.Count(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)).ShouldBe(1);
    }
}
