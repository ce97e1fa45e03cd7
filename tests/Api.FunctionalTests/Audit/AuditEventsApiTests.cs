using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.Audit;

/// <summary>
/// Listing the audit trail and the security events over HTTP with real tokens: admins see everything, team
/// members their team (with <c>?team=</c>), outsiders nothing; security events are admin-only; bad
/// parameters are 400 problems. One database for the fixture: each test works on its own team or action.
/// </summary>
public sealed class AuditEventsApiTests : FunctionalTestBase
{
    private SeededUser _admin = null!;
    private SeededUser _member = null!;
    private SeededUser _outsider = null!;
    private Team _alpha = null!;
    private Team _beta = null!;

    // A short sealing interval so the background sealer is seen working within the test's bounded wait.
    protected override ApiFactoryOptions FactoryOptions => new()
    {
        Settings = new Dictionary<string, string?> { ["Audit:Sealing:Interval"] = "00:00:01" },
    };

    [OneTimeSetUp]
    public async Task Seed()
    {
        _admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        _member = await Factory.SeedUserAsync(Unique("member"));
        _outsider = await Factory.SeedUserAsync(Unique("outsider"));
        _alpha = await Factory.SeedTeamAsync(Unique("alpha"));
        _beta = await Factory.SeedTeamAsync(Unique("beta"));
        await Factory.AddMemberAsync(_alpha, _member);
    }

    [Test]
    public async Task A_change_made_through_the_api_is_audited_with_the_caller_as_actor()
    {
        var patch = await ClientFor(_admin).PatchAsJsonAsync($"/api/v1/teams/{_alpha.Name}", new { description = "Alpha, renamed" });
        patch.StatusCode.ShouldBe(HttpStatusCode.OK, await patch.Content.ReadAsStringAsync());

        // The member sees the change in their team's trail.
        var trail = await (await ClientFor(_member).GetAsync($"/api/v1/audit-events?team={_alpha.Name}&action=team.updated"))
            .ShouldBeJsonAsync();
        var change = trail.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        change.GetProperty("actorDisplay").GetString().ShouldBe(_admin.DisplayName);
        change.GetProperty("actorId").GetString().ShouldBe(_admin.Id.ToString());
        change.GetProperty("actorKind").GetString().ShouldBe("user");
        change.GetProperty("team").GetString().ShouldBe(_alpha.Name);
    }

    [Test]
    public async Task Admins_list_everything_with_the_documented_shape()
    {
        var team = await Factory.SeedTeamAsync(Unique("shape"));
        await RecordAsync(new AuditEntry("team.member_added", "team", team.Id.ToString(), AuditOutcome.Succeeded, team.Id, new { role = "member" }));

        var page = await (await ClientFor(_admin).GetAsync($"/api/v1/audit-events?team={team.Name}&limit=10")).ShouldBeJsonAsync();

        var item = page.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("action").GetString().ShouldBe("team.member_added");
        item.GetProperty("actorKind").GetString().ShouldBe("user");
        item.GetProperty("outcome").GetString().ShouldBe("succeeded");
        item.GetProperty("team").GetString().ShouldBe(team.Name);
        item.GetProperty("details").GetProperty("role").GetString().ShouldBe("member");
        page.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Test]
    public async Task Admins_list_without_a_team_filter_across_teams()
    {
        var action = $"probe.{Guid.NewGuid():N}"[..20];
        await RecordAsync(
            new AuditEntry(action, "team", _alpha.Id.ToString(), AuditOutcome.Succeeded, _alpha.Id),
            new AuditEntry(action, "team", _beta.Id.ToString(), AuditOutcome.Succeeded, _beta.Id),
            new AuditEntry(action, "user", "u-1", AuditOutcome.Denied));

        var page = await (await ClientFor(_admin).GetAsync($"/api/v1/audit-events?action={action}")).ShouldBeJsonAsync();

        page.GetProperty("items").EnumerateArray().Count().ShouldBe(3);
    }

    [Test]
    public async Task Members_read_their_team_and_nothing_else()
    {
        var action = $"probe.{Guid.NewGuid():N}"[..20];
        await RecordAsync(
            new AuditEntry(action, "team", _alpha.Id.ToString(), AuditOutcome.Succeeded, _alpha.Id),
            new AuditEntry(action, "team", _beta.Id.ToString(), AuditOutcome.Succeeded, _beta.Id),
            new AuditEntry(action, "user", "u-1", AuditOutcome.Succeeded));
        var member = ClientFor(_member);

        var own = await (await member.GetAsync($"/api/v1/audit-events?team={_alpha.Name}&action={action}")).ShouldBeJsonAsync();
        own.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("team").GetString().ShouldBe(_alpha.Name);

        await (await member.GetAsync("/api/v1/audit-events")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "audit.team_required");
        await (await member.GetAsync($"/api/v1/audit-events?team={_beta.Name}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "team.not_found");
        await (await member.GetAsync("/api/v1/audit-events/verify")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.admin_required");
        await (await member.GetAsync("/api/v1/security-events")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.admin_required");
    }

    [Test]
    public async Task Non_members_see_no_team()
    {
        var outsider = ClientFor(_outsider);

        await (await outsider.GetAsync($"/api/v1/audit-events?team={_alpha.Name}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "team.not_found");
        await (await outsider.GetAsync("/api/v1/audit-events?team=no-such-team")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "team.not_found");
        await (await outsider.GetAsync("/api/v1/audit-events")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "audit.team_required");
    }

    [TestCase("/api/v1/audit-events")]
    [TestCase("/api/v1/audit-events/verify")]
    [TestCase("/api/v1/security-events")]
    public async Task Anonymous_callers_get_401(string path)
    {
        await (await Anonymous().GetAsync(path)).ShouldBeUnauthorizedAsync("auth.unauthenticated", invalidToken: false);
    }

    [Test]
    public async Task Admins_list_security_events()
    {
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IAuditLog>().RecordSecurity(
                new SecurityEntry("token.replayed", SecuritySeverity.High, _alpha.Id, Details: new { jti = "abc" }));
            await scope.ServiceProvider.GetRequiredService<IAppDbContext>().SaveChangesAsync();
        }

        var page = await (await ClientFor(_admin).GetAsync($"/api/v1/security-events?severity=high&team={_alpha.Name}"))
            .ShouldBeJsonAsync();

        var item = page.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("type").GetString().ShouldBe("token.replayed");
        item.GetProperty("severity").GetString().ShouldBe("high");
        item.GetProperty("team").GetString().ShouldBe(_alpha.Name);
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
        problem.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
    }

    [Test]
    public async Task Paging_through_http_returns_every_event_once()
    {
        var action = $"bulk.{Guid.NewGuid():N}"[..20];
        await RecordAsync([.. Enumerable.Range(0, 13).Select(i => new AuditEntry(action, "x", $"{i}", AuditOutcome.Succeeded))]);
        var admin = ClientFor(_admin);
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/audit-events?action={action}&limit=5" + (cursor is null ? string.Empty : $"&cursor={cursor}");
            var page = await (await admin.GetAsync(url)).ShouldBeJsonAsync();
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        ids.Count.ShouldBe(13);
        ids.ShouldBeUnique();
    }

    [Test]
    public async Task The_background_sealer_seals_without_being_asked()
    {
        var action = $"seal.{Guid.NewGuid():N}"[..20];
        await RecordAsync(new AuditEntry(action, "x", "1", AuditOutcome.Succeeded));

        // Waits for the 1-second sealing interval; bounded (30 s) so a broken sealer fails instead of hanging.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var sealedEvent = false;
        while (!sealedEvent && DateTime.UtcNow < deadline)
        {
            sealedEvent = await Factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == action && e.Sequence != null));
            if (!sealedEvent)
            {
                await Task.Delay(100);
            }
        }

        sealedEvent.ShouldBeTrue("the background sealer should seal a new event within 30 s");
    }

    /// <summary>Records events the way a use case does: through IAuditLog, committed with the change.</summary>
    private async Task RecordAsync(params AuditEntry[] entries)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        foreach (var entry in entries)
        {
            log.Record(entry with { Actor = entry.Actor ?? new AuditActor(PrincipalKind.User, "alice", "Alice") });
        }

        await scope.ServiceProvider.GetRequiredService<IAppDbContext>().SaveChangesAsync();
    }
}
