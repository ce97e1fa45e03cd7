using System.Net;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.Teams;

/// <summary>
/// Every teams endpoint against every kind of caller, with real signed tokens: the exact status and problem
/// code, and no change to the team when refused. Each case gets its own team, so cases are independent.
/// </summary>
public sealed class TeamsAuthorizationMatrixTests : FunctionalTestBase
{
    public enum Caller
    {
        Admin,
        Maintainer,
        Member,
        NonMember,
        Machine,
        OtherTeamMachine,
        DeactivatedUser,
        Anonymous,
    }

    public enum Endpoint
    {
        CreateTeam,
        ListTeams,
        GetTeam,
        UpdateTeam,
        DeactivateTeam,
        ReactivateTeam,
        ChangePolicy,
        PatchPolicy,
        GetPolicy,
        ListPolicyVersions,
        EvaluateAdmission,
        ListMembers,
        SetMember,
        RemoveMember,
    }

    private SeededUser _admin = null!;
    private SeededUser _maintainer = null!;
    private SeededUser _member = null!;
    private SeededUser _outsider = null!;
    private SeededUser _deactivated = null!;
    private SeededUser _target = null!;
    private string _otherTeamMachineToken = null!;

    [OneTimeSetUp]
    public async Task SeedPrincipals()
    {
        _admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        _maintainer = await Factory.SeedUserAsync(Unique("maint"));
        _member = await Factory.SeedUserAsync(Unique("member"));
        _outsider = await Factory.SeedUserAsync(Unique("outsider"));
        _deactivated = await Factory.SeedUserAsync(Unique("gone"), isActive: false);
        _target = await Factory.SeedUserAsync(Unique("target"));

        var otherTeam = await Factory.SeedTeamAsync(Unique("other"));
        await Factory.AddMemberAsync(otherTeam, _outsider, TeamRole.Maintainer);
        var otherBot = Unique("bot");
        await Factory.SeedMachineIdentityAsync(otherTeam, Issuers.Secondary, otherBot);
        _otherTeamMachineToken = Issuers.Secondary.ClientCredentialsToken(otherBot);
    }

    /// <summary>The expected answer of each endpoint to each caller; null code means success.</summary>
    private static (HttpStatusCode Status, string? Code) Expected(Endpoint endpoint, Caller caller)
    {
        var forbiddenAdmin = (HttpStatusCode.Forbidden, "auth.admin_required");
        var forbiddenMaintainer = (HttpStatusCode.Forbidden, "auth.maintainer_required");
        var notFound = (HttpStatusCode.NotFound, "team.not_found");
        var success = endpoint switch
        {
            Endpoint.CreateTeam => HttpStatusCode.Created,
            Endpoint.RemoveMember => HttpStatusCode.NoContent,
            _ => HttpStatusCode.OK,
        };

        switch (caller)
        {
            case Caller.Anonymous:
                return (HttpStatusCode.Unauthorized, "auth.unauthenticated");
            case Caller.DeactivatedUser:
                return (HttpStatusCode.Forbidden, "principal.deactivated");
            case Caller.Admin:
                return (success, null);
        }

        if (endpoint == Endpoint.CreateTeam)
        {
            return forbiddenAdmin;
        }

        if (endpoint == Endpoint.ListTeams)
        {
            return (success, null);
        }

        if (caller is Caller.NonMember or Caller.OtherTeamMachine)
        {
            return notFound;
        }

        return endpoint switch
        {
            Endpoint.GetTeam or Endpoint.GetPolicy or Endpoint.ListPolicyVersions or Endpoint.EvaluateAdmission => (success, null),
            Endpoint.DeactivateTeam or Endpoint.ReactivateTeam or Endpoint.ChangePolicy or Endpoint.PatchPolicy => forbiddenAdmin,
            Endpoint.UpdateTeam or Endpoint.SetMember or Endpoint.RemoveMember =>
                caller == Caller.Maintainer ? (success, null) : forbiddenMaintainer,
            Endpoint.ListMembers => caller == Caller.Machine ? (HttpStatusCode.Forbidden, "auth.team_role_required") : (success, null),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null),
        };
    }

    private static IEnumerable<TestCaseData> Cases() =>
        from endpoint in Enum.GetValues<Endpoint>()
        from caller in Enum.GetValues<Caller>()
        let expected = Expected(endpoint, caller)
        select new TestCaseData(endpoint, caller, expected.Status, expected.Code)
            .SetName($"{endpoint} as {caller}: {(int)expected.Status} {expected.Code ?? "ok"}");

    [TestCaseSource(nameof(Cases))]
    public async Task Every_endpoint_answers_every_caller_exactly(Endpoint endpoint, Caller caller, HttpStatusCode status, string? code)
    {
        var world = await SeedWorldAsync(deactivated: endpoint == Endpoint.ReactivateTeam);
        var before = await SnapshotAsync(world);

        var response = await SendAsync(endpoint, ClientFor(caller, world), world);

        if (code is null)
        {
            response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
            if (IsChange(endpoint))
            {
                (await SnapshotAsync(world)).ShouldNotBe(before, "a successful change changes something");
            }
        }
        else
        {
            if (caller == Caller.Anonymous)
            {
                await response.ShouldBeUnauthorizedAsync(code, invalidToken: false);
            }
            else
            {
                await response.ShouldBeProblemAsync(status, code);
            }

            (await SnapshotAsync(world)).ShouldBe(before, "a refused request changes nothing");
        }
    }

    private static bool IsChange(Endpoint endpoint) => endpoint is Endpoint.CreateTeam or Endpoint.UpdateTeam or Endpoint.DeactivateTeam
        or Endpoint.ReactivateTeam or Endpoint.ChangePolicy or Endpoint.PatchPolicy or Endpoint.SetMember or Endpoint.RemoveMember;

    private async Task<World> SeedWorldAsync(bool deactivated)
    {
        var team = await Factory.SeedTeamAsync(Unique("team"));
        await Factory.AddMemberAsync(team, _maintainer, TeamRole.Maintainer);
        await Factory.AddMemberAsync(team, _member, TeamRole.Member);
        await Factory.AddMemberAsync(team, _deactivated, TeamRole.Maintainer);
        var bot = Unique("bot");
        await Factory.SeedMachineIdentityAsync(team, Issuers.Secondary, bot);
        if (deactivated)
        {
            await Factory.WithDbAsync(async db =>
            {
                var stored = await db.Teams.SingleAsync(t => t.Id == team.Id);
                stored.Deactivate("seeded deactivated", "test", DateTimeOffset.UtcNow).IsSuccess.ShouldBeTrue();
                await db.SaveChangesAsync();
            });
        }

        return new World(team, Issuers.Secondary.ClientCredentialsToken(bot), Unique("new"));
    }

    private HttpClient ClientFor(Caller caller, World world) => caller switch
    {
        Caller.Admin => ClientFor(_admin),
        Caller.Maintainer => ClientFor(_maintainer),
        Caller.Member => ClientFor(_member),
        Caller.NonMember => ClientFor(_outsider),
        Caller.Machine => ClientWith(world.MachineToken),
        Caller.OtherTeamMachine => ClientWith(_otherTeamMachineToken),
        Caller.DeactivatedUser => ClientFor(_deactivated),
        Caller.Anonymous => Anonymous(),
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, null),
    };

    private async Task<HttpResponseMessage> SendAsync(Endpoint endpoint, HttpClient client, World world)
    {
        var team = $"/api/v1/teams/{world.Team.Name}";
        switch (endpoint)
        {
            case Endpoint.CreateTeam:
                return await client.PostAsJsonAsync("/api/v1/teams", new { name = world.NewTeamName, organization = "acme" });
            case Endpoint.ListTeams:
                return await client.GetAsync("/api/v1/teams");
            case Endpoint.GetTeam:
                return await client.GetAsync(team);
            case Endpoint.UpdateTeam:
                return await client.PatchAsJsonAsync(team, new { description = "changed" });
            case Endpoint.DeactivateTeam:
                return await client.PostAsJsonAsync($"{team}/deactivate", new { reason = "budget" });
            case Endpoint.ReactivateTeam:
                return await client.PostAsync($"{team}/reactivate", content: null);
            case Endpoint.ChangePolicy:
                return await client.PutAsJsonAsync($"{team}/policy", new
                {
                    requiredLabels = new[] { "team-x" },
                    allowedLabelPatterns = Array.Empty<string>(),
                    allowedRunnerGroupIds = Array.Empty<long>(),
                    defaultRunnerGroupId = (long?)null,
                    maxRunners = 5,
                    allowRegistrationTokens = false,
                    allowPersistentRunners = false,
                });
            case Endpoint.PatchPolicy:
                return await client.PatchAsJsonAsync($"{team}/policy", new { maxRunners = 5 });
            case Endpoint.GetPolicy:
                return await client.GetAsync($"{team}/policy");
            case Endpoint.ListPolicyVersions:
                return await client.GetAsync($"{team}/policy/versions");
            case Endpoint.EvaluateAdmission:
                return await client.PostAsJsonAsync($"{team}/policy/evaluate", new { labels = Array.Empty<string>() });
            case Endpoint.ListMembers:
                return await client.GetAsync($"{team}/members");
            case Endpoint.SetMember:
                return await client.PutAsJsonAsync($"{team}/members/{_target.Id}", new { role = "member" });
            case Endpoint.RemoveMember:
                return await client.DeleteAsync($"{team}/members/{_member.Id}");
            default:
                throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null);
        }
    }

    /// <summary>Everything a teams endpoint can change, as one comparable string.</summary>
    private Task<string> SnapshotAsync(World world) =>
        Factory.WithDbAsync(async db =>
        {
            var team = await db.Teams.AsNoTracking().SingleAsync(t => t.Id == world.Team.Id);
            var versions = await db.LabelPolicies.CountAsync(p => p.TeamId == team.Id);
            var members = await db.TeamMemberships.AsNoTracking().Where(m => m.TeamId == team.Id)
                .OrderBy(m => m.UserId).Select(m => m.UserId + ":" + m.Role).ToListAsync();
            var created = await db.Teams.AnyAsync(t => t.Name == world.NewTeamName);
            return $"{team.Description}|{team.IsActive}|v{versions}|{string.Join(",", members)}|created={created}";
        });

    private sealed record World(Team Team, string MachineToken, string NewTeamName);
}
