using System.Net;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Application.Identity.GetCurrentPrincipal;
using RunnerTokens.Application.MachineIdentities;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.Identity;

/// <summary>
/// Issue 9, section 1: a machine identity cannot answer to a user's subject or overlap another live identity,
/// issuers can require claim conditions, and a token that matches more than one principal acts as none.
/// GitHubActions (issuer 2) requires a condition on <c>repository_owner_id</c> here.
/// </summary>
public sealed class MachineIdentitySubjectTests : FunctionalTestBase
{
    private Team _team = null!;
    private Team _otherTeam = null!;
    private SeededUser _maintainer = null!;
    private SeededUser _otherMaintainer = null!;

    protected override ApiFactoryOptions FactoryOptions => new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["Authentication:Issuers:2:RequiredClaimConditions:0"] = "repository_owner_id",
        },
    };

    [OneTimeSetUp]
    public async Task Seed()
    {
        _team = await Factory.SeedTeamAsync(Unique("infra"));
        _otherTeam = await Factory.SeedTeamAsync(Unique("other"));
        _maintainer = await Factory.SeedUserAsync(Unique("maint"));
        _otherMaintainer = await Factory.SeedUserAsync(Unique("maint"));
        await Factory.AddMemberAsync(_team, _maintainer, TeamRole.Maintainer);
        await Factory.AddMemberAsync(_otherTeam, _otherMaintainer, TeamRole.Maintainer);
    }

    [Test]
    public async Task A_maintainer_cannot_turn_a_users_subject_into_their_machine_identity()
    {
        var victim = await Factory.SeedUserAsync(Unique("victim"));

        var response = await ClientFor(_maintainer).PostAsJsonAsync(Path(_team), new
        {
            name = Unique("squat"),
            issuer = victim.Issuer.IssuerId + "/",
            subject = victim.Subject,
        });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "machine_identity.subject_conflict");
        (await Factory.WithDbAsync(db => db.MachineIdentities.AnyAsync(m => m.Subject == victim.Subject))).ShouldBeFalse();
        var recorded = await SecurityEventsAsync("machine_identity.subject_conflict", victim.Subject);
        recorded.ShouldHaveSingleItem().Severity.ShouldBe(Domain.Audit.SecuritySeverity.Low);
        recorded[0].TeamId.ShouldBe(_team.Id);
        var me = await (await ClientFor(victim).GetAsync("/api/v1/me")).ShouldBeJsonAsync<CurrentPrincipalDto>();
        me.Kind.ShouldBe(PrincipalKind.User);
        me.Id.ShouldBe(victim.Id);
    }

    [Test]
    public async Task An_identity_overlapping_a_live_identity_of_any_team_is_refused_and_a_disjoint_one_is_accepted()
    {
        var subject = $"repo:acme/{Unique("repo")}:ref:refs/heads/main";
        (await Create(_team, subject, new() { ["repository_owner_id"] = "123" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        // Same issuer, subject and owner id: a narrower condition set still overlaps (one token matches both).
        await (await Create(_otherTeam, subject, new() { ["repository_owner_id"] = "123", ["ref"] = "refs/heads/*" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "machine_identity.subject_conflict");
        // Within the same team too: no duplicates.
        await (await Create(_team, subject, new() { ["repository_owner_id"] = "123" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "machine_identity.subject_conflict");
        // A different owner id can never be carried by the same token: accepted.
        var disjoint = await Create(_otherTeam, subject, new() { ["repository_owner_id"] = "999" });
        var created = await disjoint.ShouldBeJsonAsync<MachineIdentityDto>(HttpStatusCode.Created);

        // ... and may not be changed into an overlap later.
        var patch = await ClientFor(_otherMaintainer).PatchAsJsonAsync($"{Path(_otherTeam)}/{created.Id}",
            new { claimConditions = new Dictionary<string, string> { ["repository_owner_id"] = "12*" } });
        await patch.ShouldBeProblemAsync(HttpStatusCode.Conflict, "machine_identity.subject_conflict");
        (await Factory.WithDbAsync(db => db.MachineIdentities.AsNoTracking().SingleAsync(m => m.Id == created.Id)))
            .ClaimConditions.ShouldHaveSingleItem().Pattern.ShouldBe("999");
        (await SecurityEventsAsync("machine_identity.subject_conflict", subject)).Count.ShouldBe(3);
    }

    [Test]
    public async Task An_issuer_that_requires_a_claim_condition_refuses_an_identity_without_it()
    {
        var response = await Create(_team, $"repo:acme/{Unique("repo")}:ref:refs/heads/main", new() { ["repository_id"] = "4567" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "machine_identity.required_condition_missing");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("repository_owner_id");
    }

    [Test]
    public async Task A_token_matching_two_machine_identities_acts_as_neither()
    {
        // Seeded behind the API's back (as two concurrent creates could leave them): resolution must not pick one.
        var clientId = Unique("client");
        var first = await Factory.SeedMachineIdentityAsync(_team, Issuers.Secondary, clientId);
        var second = await Factory.SeedMachineIdentityAsync(_otherTeam, Issuers.Secondary, clientId,
            new Dictionary<string, string> { ["azp"] = clientId });

        var response = await ClientWith(Issuers.Secondary.ClientCredentialsToken(clientId)).GetAsync("/api/v1/me");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.ambiguous");
        var recorded = (await SecurityEventsAsync("principal.ambiguous", clientId)).ShouldHaveSingleItem();
        recorded.DetailsJson.ShouldContain(first.Id.ToString());
        recorded.DetailsJson.ShouldContain(second.Id.ToString());
    }

    [Test]
    public async Task A_token_matching_a_user_and_a_machine_identity_acts_as_neither()
    {
        var user = await Factory.SeedUserAsync(Unique("dual"), issuer: Issuers.Secondary);
        await Factory.SeedMachineIdentityAsync(_team, Issuers.Secondary, user.Subject);

        var response = await ClientFor(user).GetAsync("/api/v1/me");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.ambiguous");
        (await SecurityEventsAsync("principal.ambiguous", user.Subject)).ShouldHaveSingleItem().DetailsJson.ShouldContain(user.Id.ToString());
    }

    private Task<HttpResponseMessage> Create(Team team, string subject, Dictionary<string, string> conditions) =>
        ClientFor(team == _team ? _maintainer : _otherMaintainer).PostAsJsonAsync(Path(team), new
        {
            name = Unique("gha"),
            issuer = Issuers.GitHubActions.IssuerId,
            subject,
            claimConditions = conditions,
        });

    private Task<List<Domain.Audit.SecurityEvent>> SecurityEventsAsync(string type, string mentioning) =>
        Factory.WithDbAsync(db => db.SecurityEvents.AsNoTracking()
            .Where(e => e.Type == type && e.DetailsJson.Contains(mentioning)).ToListAsync());

    private static string Path(Team team) => $"/api/v1/teams/{team.Name}/machine-identities";
}
