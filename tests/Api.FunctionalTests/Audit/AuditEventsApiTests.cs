using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.Audit;

/// <summary>Listing audit and security events over HTTP with real bearer tokens, per role.</summary>
public sealed class AuditEventsApiTests : FunctionalTestBase
{
    private SeededUser _admin = null!;
    private SeededUser _member = null!;
    private SeededUser _maintainer = null!;
    private SeededUser _outsider = null!;
    private Team _team = null!;
    private Team _otherTeam = null!;
    private string _machineClientId = null!;

    [OneTimeSetUp]
    public async Task Seed()
    {
        _admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        _member = await Factory.SeedUserAsync(Unique("member"));
        _maintainer = await Factory.SeedUserAsync(Unique("maint"));
        _outsider = await Factory.SeedUserAsync(Unique("outsider"));
        _team = await Factory.SeedTeamAsync(Unique("alpha"));
        _otherTeam = await Factory.SeedTeamAsync(Unique("beta"));
        await Factory.AddMemberAsync(_team, _member);
        await Factory.AddMemberAsync(_team, _maintainer, TeamRole.Maintainer);
        await Factory.AddMemberAsync(_otherTeam, _outsider);
        _machineClientId = Unique("bot");
        await Factory.SeedMachineIdentityAsync(_team, Issuers.Secondary, _machineClientId);
    }

    private HttpClient Machine() => ClientWith(Issuers.Secondary.ClientCredentialsToken(_machineClientId));

    /// <summary>Records events the way a use case does: through IAuditLog, committed with the change.</summary>
    private async Task RecordAsync(params AuditEntry[] entries)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        foreach (var entry in entries)
        {
            log.Record(entry with { Actor = entry.Actor ?? new AuditActor(PrincipalKind.User, "seed", "Seeder") });
        }

        await scope.ServiceProvider.GetRequiredService<RunnerTokens.Application.Common.Interfaces.IAppDbContext>().SaveChangesAsync();
    }

    private static List<JsonElement> Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    [Test]
    public async Task A_team_change_made_through_the_api_is_listed_for_admins_and_the_team()
    {
        var description = Unique("described");
        (await ClientFor(_admin).PatchAsJsonAsync($"/api/v1/teams/{_team.Name}", new { description }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var asAdmin = await (await ClientFor(_admin).GetAsync($"/api/v1/audit-events?action=team.updated&team={_team.Name}")).OkJsonAsync();
        var asMember = await (await ClientFor(_member).GetAsync($"/api/v1/audit-events?action=team.updated&team={_team.Name}")).OkJsonAsync();
        var asMaintainer = await (await ClientFor(_maintainer).GetAsync($"/api/v1/audit-events?team={_team.Name}&targetType=team")).OkJsonAsync();

        var change = Items(asAdmin).First(e => e.GetProperty("details").ToString().Contains(description, StringComparison.Ordinal));
        change.GetProperty("actorId").GetString().ShouldBe(_admin.Id.ToString());
        change.GetProperty("actorKind").GetString().ShouldBe("user");
        change.GetProperty("outcome").GetString().ShouldBe("succeeded");
        change.GetProperty("team").GetString().ShouldBe(_team.Name);
        Items(asMember).Select(e => e.GetProperty("id").GetString()).ShouldContain(change.GetProperty("id").GetString());
        Items(asMaintainer).ShouldAllBe(e => e.GetProperty("teamId").GetGuid() == _team.Id);
    }

    [Test]
    public async Task Members_read_their_own_team_only()
    {
        var action = $"test.{Unique("only")}";
        await RecordAsync(
            new AuditEntry(action, "team", _team.Id.ToString(), AuditOutcome.Succeeded, _team.Id),
            new AuditEntry(action, "team", _otherTeam.Id.ToString(), AuditOutcome.Succeeded, _otherTeam.Id),
            new AuditEntry(action, "user", "u-1", AuditOutcome.Denied));
        var member = ClientFor(_member);

        var own = await (await member.GetAsync($"/api/v1/audit-events?team={_team.Name}&action={action}")).OkJsonAsync();

        Items(own).ShouldHaveSingleItem().GetProperty("teamId").GetGuid().ShouldBe(_team.Id);
        await (await member.GetAsync($"/api/v1/audit-events?action={action}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "audit.team_required");
        await (await member.GetAsync($"/api/v1/audit-events?team={_otherTeam.Name}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "team.not_found");
        await (await member.GetAsync("/api/v1/audit-events/verify")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.admin_required");
        await (await member.GetAsync("/api/v1/security-events")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.admin_required");
    }

    [Test]
    public async Task Admins_list_every_event_and_verify()
    {
        var action = $"test.{Unique("admin")}";
        await RecordAsync(
            new AuditEntry(action, "team", _team.Id.ToString(), AuditOutcome.Succeeded, _team.Id, new { role = "member" }),
            new AuditEntry(action, "user", "u-1", AuditOutcome.Failed));
        var admin = ClientFor(_admin);

        var all = Items(await (await admin.GetAsync($"/api/v1/audit-events?action={action}")).OkJsonAsync());
        var failed = Items(await (await admin.GetAsync($"/api/v1/audit-events?action={action}&outcome=failed")).OkJsonAsync());
        var verify = await (await admin.GetAsync("/api/v1/audit-events/verify")).OkJsonAsync();

        all.Count.ShouldBe(2);
        all.Single(e => e.GetProperty("targetType").GetString() == "team").GetProperty("details").GetProperty("role").GetString().ShouldBe("member");
        failed.ShouldHaveSingleItem().GetProperty("targetId").GetString().ShouldBe("u-1");
        verify.GetProperty("valid").GetBoolean().ShouldBeTrue(verify.ToString());
        verify.GetProperty("unsealed").GetInt32().ShouldBe(0);
    }

    [Test]
    public async Task Non_members_see_no_team()
    {
        var outsider = ClientFor(_outsider);

        await (await outsider.GetAsync($"/api/v1/audit-events?team={_team.Name}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "team.not_found");
        await (await outsider.GetAsync("/api/v1/audit-events?team=no-such-team")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "team.not_found");
        await (await outsider.GetAsync("/api/v1/audit-events")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "audit.team_required");
    }

    [Test]
    public async Task Machine_identities_cannot_read_the_audit_trail()
    {
        await (await Machine().GetAsync($"/api/v1/audit-events?team={_team.Name}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.team_role_required");
        await (await Machine().GetAsync($"/api/v1/audit-events?team={_otherTeam.Name}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "team.not_found");
        await (await Machine().GetAsync("/api/v1/audit-events/verify")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.admin_required");
    }

    [TestCase("/api/v1/audit-events")]
    [TestCase("/api/v1/audit-events/verify")]
    [TestCase("/api/v1/security-events")]
    public async Task Anonymous_callers_are_challenged(string path)
    {
        var response = await Anonymous().GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ShouldHaveSingleItem().Scheme.ShouldBe("Bearer");
    }

    [Test]
    public async Task Admins_list_security_events_by_team_and_severity()
    {
        var type = $"test.{Unique("sec")}";
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var log = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            log.RecordSecurity(new SecurityEntry(type, SecuritySeverity.High, _team.Id, Details: new { jti = "abc" }));
            log.RecordSecurity(new SecurityEntry(type, SecuritySeverity.Low));
            await scope.ServiceProvider.GetRequiredService<RunnerTokens.Application.Common.Interfaces.IAppDbContext>().SaveChangesAsync();
        }

        var page = await (await ClientFor(_admin).GetAsync($"/api/v1/security-events?type={type}&severity=high&team={_team.Name}")).OkJsonAsync();

        var item = Items(page).ShouldHaveSingleItem();
        item.GetProperty("severity").GetString().ShouldBe("high");
        item.GetProperty("team").GetString().ShouldBe(_team.Name);
        item.GetProperty("details").GetProperty("jti").GetString().ShouldBe("abc");
    }

    [Test]
    public async Task Paging_returns_every_event_once()
    {
        var action = $"test.{Unique("page")}";
        await RecordAsync([.. Enumerable.Range(0, 13).Select(i => new AuditEntry(action, "x", $"{i}", AuditOutcome.Succeeded))]);
        var admin = ClientFor(_admin);
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/audit-events?action={action}&limit=5" + (cursor is null ? string.Empty : $"&cursor={cursor}");
            var page = await (await admin.GetAsync(url)).OkJsonAsync();
            ids.AddRange(Items(page).Select(i => i.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        ids.Count.ShouldBe(13);
        ids.ShouldBeUnique();
    }

    [Test]
    public async Task The_background_sealer_seals_without_being_asked()
    {
        var action = $"test.{Unique("bg")}";
        await RecordAsync(new AuditEntry(action, "x", "1", AuditOutcome.Succeeded));

        // Waits for the sealing interval (5 s by default), bounded so a broken sealer fails instead of hanging.
        var sealedInTime = false;
        for (var attempt = 0; attempt < 300 && !sealedInTime; attempt++)
        {
            sealedInTime = await Factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().AnyAsync(e => e.Action == action && e.Sequence != null));
            if (!sealedInTime)
            {
                await Task.Delay(100);
            }
        }

        sealedInTime.ShouldBeTrue();
    }

    [TestCase("/api/v1/audit-events?limit=0")]
    [TestCase("/api/v1/audit-events?limit=201")]
    [TestCase("/api/v1/audit-events?limit=abc")]
    [TestCase("/api/v1/audit-events?outcome=maybe")]
    [TestCase("/api/v1/audit-events?outcome=1")]
    [TestCase("/api/v1/audit-events?cursor=not-a-cursor")]
    [TestCase("/api/v1/audit-events?from=garbage")]
    [TestCase("/api/v1/audit-events?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    [TestCase("/api/v1/security-events?severity=severe")]
    [TestCase("/api/v1/security-events?limit=-1")]
    [TestCase("/api/v1/security-events?to=yesterday")]
    public async Task Bad_parameters_give_a_400_problem(string url)
    {
        var problem = await (await ClientFor(_admin).GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errorCode").GetString()!.ShouldStartWith("request.");
        problem.GetProperty("errors").EnumerateObject().ShouldNotBeEmpty();
    }
}
