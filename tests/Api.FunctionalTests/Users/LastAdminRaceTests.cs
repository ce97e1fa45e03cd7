using System.Net;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Api.FunctionalTests.Users;

/// <summary>
/// Issue 9, section 5 (last admin): admins demoting or deactivating each other (or themselves) at the same instant
/// leave at least one active admin, on SQLite and on PostgreSQL. Each test starts from a database whose only
/// active admins are the ones it seeds.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSql")]
public sealed class LastAdminRaceTests(string provider) : FunctionalTestBase
{
    private const int Rounds = 15;

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

    [Test]
    public async Task Admins_stepping_down_all_at_once_leave_exactly_one_and_the_others_get_last_admin()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var admins = await SeedOnlyAdminsAsync(4);
            var change = round % 2 == 0 ? (object)new { isAdmin = false } : new { isActive = false };

            var responses = await Task.WhenAll(admins.Select(a => ClientFor(a).PatchAsJsonAsync($"/api/v1/users/{a.Id}", change)));

            (await ActiveAdminsAsync()).ShouldBe(1, $"round {round}: exactly one admin is left");
            responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(admins.Count - 1, $"round {round}");
            foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            {
                await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "user.last_admin");
            }
        }
    }

    [Test]
    public async Task Two_admins_demoting_or_deactivating_each_other_at_once_leave_one()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var admins = await SeedOnlyAdminsAsync(2);
            var change = round % 2 == 0 ? (object)new { isAdmin = false } : new { isActive = false };

            var responses = await Task.WhenAll(
                ClientFor(admins[0]).PatchAsJsonAsync($"/api/v1/users/{admins[1].Id}", change),
                ClientFor(admins[1]).PatchAsJsonAsync($"/api/v1/users/{admins[0].Id}", change));

            (await ActiveAdminsAsync()).ShouldBe(1, $"round {round}");
            responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1, $"round {round}");
            await ShouldBeRefusalsAsync(responses);
        }
    }

    [Test]
    public async Task Many_admins_demoting_each_other_at_once_keep_at_least_one()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var admins = await SeedOnlyAdminsAsync(5);

            // Each admin steps down the next one, half by demotion and half by deactivation.
            var responses = await Task.WhenAll(admins.Select((a, i) => ClientFor(a).PatchAsJsonAsync(
                $"/api/v1/users/{admins[(i + 1) % admins.Count].Id}",
                i % 2 == 0 ? (object)new { isAdmin = false } : new { isActive = false })));

            (await ActiveAdminsAsync()).ShouldBeGreaterThanOrEqualTo(1, $"round {round}");
            await ShouldBeRefusalsAsync(responses);
        }
    }

    /// <summary>
    /// A refusal is the last-admin conflict, or, when an admin's request was authorized only after another request had
    /// already demoted or deactivated that admin, the refusal of a caller who is no longer an active admin.
    /// </summary>
    private static async Task ShouldBeRefusalsAsync(IEnumerable<HttpResponseMessage> responses)
    {
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            var problem = await refused.ShouldBeProblemAsync(refused.StatusCode);
            var code = problem.GetProperty("errorCode").GetString();
            (refused.StatusCode, code).ShouldBeOneOf(
                (HttpStatusCode.Conflict, "user.last_admin"),
                (HttpStatusCode.Forbidden, "auth.admin_required"),
                (HttpStatusCode.Forbidden, "principal.deactivated"));
        }
    }

    /// <summary>Demotes every admin already in the database, then seeds <paramref name="count"/> active admins.</summary>
    private async Task<List<SeededUser>> SeedOnlyAdminsAsync(int count)
    {
        await Factory.WithDbAsync(db => db.Users.Where(u => u.IsAdmin).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsAdmin, false)));
        var admins = new List<SeededUser>();
        for (var i = 0; i < count; i++)
        {
            admins.Add(await Factory.SeedUserAsync(Unique("admin"), isAdmin: true));
        }

        return admins;
    }

    private Task<int> ActiveAdminsAsync() =>
        Factory.WithDbAsync(db => db.Users.CountAsync(u => u.IsAdmin && u.IsActive));
}
