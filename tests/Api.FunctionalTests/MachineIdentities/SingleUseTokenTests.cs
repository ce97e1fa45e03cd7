using System.Net;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.MachineIdentities;

/// <summary>
/// Single-use tokens: a replayed <c>jti</c> is refused. Runs on SQLite always, and on PostgreSQL when
/// <c>RUNNERTOKENS_TEST_POSTGRES</c> holds a server connection string (ignored with the reason otherwise).
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSql")]
public sealed class SingleUseTokenTests(string provider) : FunctionalTestBase
{
    private Team _team = null!;

    protected override ApiFactoryOptions FactoryOptions => new()
    {
        PostgreSqlConnectionString = provider == "PostgreSql" ? ApiFactoryOptions.PostgreSqlFromEnvironment : null,
    };

    [OneTimeSetUp]
    public async Task Seed()
    {
        if (provider == "PostgreSql" && ApiFactoryOptions.PostgreSqlFromEnvironment is null)
        {
            Assert.Ignore("PostgreSQL replay tests need RUNNERTOKENS_TEST_POSTGRES (a connection string to a server this run may create databases on).");
        }

        _team = await Factory.SeedTeamAsync(Unique("ci"));
    }

    [Test]
    public async Task Runs_on_the_intended_database_provider()
    {
        var providerName = await Factory.WithDbAsync(db => Task.FromResult(db.Database.ProviderName));

        providerName.ShouldNotBeNull().ShouldContain(provider == "Sqlite" ? "Sqlite" : "PostgreSQL");
    }

    [Test]
    public async Task A_replayed_token_is_refused_with_401_and_a_security_event()
    {
        var actions = new GitHubActionsClaims { Repository = $"acme/{Unique("repo")}" };
        var identity = await Factory.SeedMachineIdentityAsync(_team, Issuers.GitHubActions, actions.Subject,
            new Dictionary<string, string> { ["repository_owner_id"] = "123" }, singleUseTokens: true);
        var token = Issuers.GitHubActions.GitHubActionsToken(actions);

        var first = await ClientWith(token).GetAsync("/api/v1/me");
        var replay = await ClientWith(token).GetAsync("/api/v1/me");

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        await replay.ShouldBeUnauthorizedAsync("auth.token_replayed");
        var recorded = await Factory.WithDbAsync(db => db.SecurityEvents.AsNoTracking()
            .Where(e => e.Type == "auth.token_replayed" && e.ActorId == identity.Id.ToString()).ToListAsync());
        var single = recorded.ShouldHaveSingleItem();
        single.Severity.ShouldBe(SecuritySeverity.High);
        single.TeamId.ShouldBe(_team.Id);

        // A fresh token (new jti) is fine.
        (await ClientWith(Issuers.GitHubActions.GitHubActionsToken(actions)).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Of_concurrent_uses_of_one_token_exactly_one_is_accepted()
    {
        var clientId = Unique("client");
        await Factory.SeedMachineIdentityAsync(_team, Issuers.Secondary, clientId, singleUseTokens: true);
        var token = Issuers.Secondary.ClientCredentialsToken(clientId);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ClientWith(token).GetAsync("/api/v1/me")));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized).ShouldBe(7);
    }

    [Test]
    public async Task A_token_without_jti_is_refused_for_a_single_use_identity()
    {
        var clientId = Unique("client");
        await Factory.SeedMachineIdentityAsync(_team, Issuers.Secondary, clientId, singleUseTokens: true);

        var response = await ClientWith(Issuers.Secondary.ClientCredentialsToken(clientId, jti: TestIssuer.NoJti)).GetAsync("/api/v1/me");

        await response.ShouldBeUnauthorizedAsync("auth.token_id_required");
    }

    [Test]
    public async Task Identities_without_single_use_accept_the_same_token_again()
    {
        var clientId = Unique("client");
        await Factory.SeedMachineIdentityAsync(_team, Issuers.Secondary, clientId);
        var token = Issuers.Secondary.ClientCredentialsToken(clientId);

        (await ClientWith(token).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ClientWith(token).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
