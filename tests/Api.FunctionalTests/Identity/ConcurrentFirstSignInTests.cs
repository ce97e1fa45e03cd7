using System.Net;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Application.Identity.GetCurrentPrincipal;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Api.FunctionalTests.Identity;

/// <summary>
/// Issue 9, section 5 (first bullet): a burst of simultaneous first requests of a user pre-registered by email
/// (a dashboard's first page load) all resolve to that user, on one host and on two hosts sharing the database.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSql")]
public sealed class ConcurrentFirstSignInTests(string provider) : FunctionalTestBase
{
    private const int Requests = 20;

    private static readonly Dictionary<string, string?> TrustSecondaryEmails = new() { ["Authentication:Issuers:1:TrustEmail"] = "true" };

    protected override ApiFactoryOptions FactoryOptions => provider == "PostgreSql"
        ? new ApiFactoryOptions { PostgreSqlConnectionString = ApiFactoryOptions.PostgreSqlFromEnvironment, Settings = TrustSecondaryEmails }
        : new ApiFactoryOptions { Settings = TrustSecondaryEmails };

    [OneTimeSetUp]
    public void RequireProvider()
    {
        if (provider == "PostgreSql" && ApiFactoryOptions.PostgreSqlFromEnvironment is null)
        {
            Assert.Ignore("PostgreSQL: set RUNNERTOKENS_TEST_POSTGRES (scripts/test.sh starts a throwaway cluster and sets it).");
        }
    }

    [Test]
    public async Task Simultaneous_first_requests_on_one_host_all_resolve_to_the_pre_registered_user()
    {
        var (userId, email) = await PreRegisterAsync();
        var subject = Unique("dash");

        var responses = await Task.WhenAll(Enumerable.Range(0, Requests)
            .Select(_ => ClientWith(Issuers.Secondary.UserToken(subject, email)).GetAsync("/api/v1/me")));

        await ShouldAllBeTheUserAsync(responses, userId);
        (await Factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == userId))).Subject.ShouldBe(subject);
    }

    [Test]
    public async Task Simultaneous_first_requests_on_two_hosts_sharing_a_database_all_resolve_to_the_pre_registered_user()
    {
        var settings = Factory.EffectiveSettings;
        await using var second = new RunnerTokensApiFactory(new ApiFactoryOptions
        {
            Settings = new Dictionary<string, string?>(TrustSecondaryEmails)
            {
                ["Database:Provider"] = settings["Database:Provider"],
                ["ConnectionStrings:RunnerTokens"] = settings["ConnectionStrings:RunnerTokens"],
                ["Database:MigrateOnStartup"] = "false",
            },
        });
        _ = second.Server;
        var (userId, email) = await PreRegisterAsync();
        var subject = Unique("dash");

        var responses = await Task.WhenAll(Enumerable.Range(0, Requests)
            .Select(i => (i % 2 == 0 ? Factory : second).CreateClient(Issuers.Secondary.UserToken(subject, email)).GetAsync("/api/v1/me")));

        await ShouldAllBeTheUserAsync(responses, userId);
    }

    private async Task<(Guid UserId, string Email)> PreRegisterAsync()
    {
        var email = $"{Unique("dash")}@example.com";
        var user = User.Register(null, null, email, "Dashboard user", DateTimeOffset.UtcNow).Value;
        await Factory.WithDbAsync(async db =>
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        });
        return (user.Id, email);
    }

    private static async Task ShouldAllBeTheUserAsync(HttpResponseMessage[] responses, Guid userId)
    {
        foreach (var response in responses)
        {
            var me = await response.ShouldBeJsonAsync<CurrentPrincipalDto>();
            me.Id.ShouldBe(userId);
        }
    }
}
