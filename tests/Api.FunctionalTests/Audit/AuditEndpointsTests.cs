using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.Audit;

public sealed class AuditEndpointsTests
{
    private AuditApiFactory _factory = null!;
    private Team _alpha = null!;
    private Team _beta = null!;

    [SetUp]
    public async Task SetUp()
    {
        _factory = new AuditApiFactory();
        _ = _factory.Server; // start: migrates the database

        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        _alpha = Team.Create("alpha", "Alpha", "acme", DateTimeOffset.UtcNow).Value;
        _beta = Team.Create("beta", "Beta", "acme", DateTimeOffset.UtcNow).Value;
        db.Teams.AddRange(_alpha, _beta);
        await db.SaveChangesAsync();

        _factory.Principals["admin"] = new CallerPrincipal(PrincipalKind.User, Guid.NewGuid(), "Ada Admin", true, []);
        _factory.Principals["alpha-member"] = new CallerPrincipal(PrincipalKind.User, Guid.NewGuid(), "Max Member", false,
            [new TeamAccess(_alpha.Id, _alpha.Name, TeamAccessLevel.Member)]);
        _factory.Principals["outsider"] = new CallerPrincipal(PrincipalKind.User, Guid.NewGuid(), "Olga Outsider", false, []);
    }

    [TearDown]
    public void TearDown() => _factory.Dispose();

    /// <summary>Records events the way a use case does: through IAuditLog, committed with the change.</summary>
    private async Task RecordAsync(params AuditEntry[] entries)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        foreach (var entry in entries)
        {
            log.Record(entry with { Actor = entry.Actor ?? new AuditActor(PrincipalKind.User, "alice", "Alice") });
        }

        await scope.ServiceProvider.GetRequiredService<IAppDbContext>().SaveChangesAsync();
    }

    private async Task TamperAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_factory.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement;
    }

    [Test]
    public async Task Verify_catches_an_audit_row_edited_directly_in_the_database()
    {
        await RecordAsync(
            new AuditEntry("team.created", "team", _alpha.Id.ToString(), AuditOutcome.Succeeded, _alpha.Id, new { name = "alpha" }),
            new AuditEntry("team.member_added", "team", _alpha.Id.ToString(), AuditOutcome.Succeeded, _alpha.Id, new { role = "member" }),
            new AuditEntry("user.updated", "user", "u-1", AuditOutcome.Denied));
        var admin = _factory.ClientAs("admin");

        var clean = await JsonAsync(await admin.GetAsync("/api/v1/audit-events/verify"), HttpStatusCode.OK);
        clean.GetProperty("valid").GetBoolean().ShouldBeTrue();
        clean.GetProperty("checked").GetInt64().ShouldBe(3);
        clean.GetProperty("unsealed").GetInt32().ShouldBe(0);

        long sequence;
        string eventId;
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var target = await scope.ServiceProvider.GetRequiredService<IAppDbContext>().AuditEvents
                .SingleAsync(e => e.Action == "team.member_added");
            sequence = target.Sequence!.Value;
            eventId = target.Id.ToString();
        }

        await TamperAsync($"UPDATE AuditEvents SET DetailsJson = '{{\"role\":\"maintainer\"}}' WHERE Sequence = {sequence}");
        var broken = await JsonAsync(await admin.GetAsync("/api/v1/audit-events/verify"), HttpStatusCode.OK);

        broken.GetProperty("valid").GetBoolean().ShouldBeFalse();
        broken.GetProperty("firstBrokenSequence").GetInt64().ShouldBe(sequence);
        broken.GetProperty("firstBrokenEventId").GetString().ShouldBe(eventId);
        broken.GetProperty("reason").GetString().ShouldBe("content_changed");
    }

    [Test]
    public async Task A_change_made_through_the_api_is_audited_and_an_edit_of_its_row_is_caught()
    {
        var admin = _factory.ClientAs("admin");
        var patch = await admin.PatchAsJsonAsync("/api/v1/teams/alpha", new { description = "Alpha, renamed" });
        patch.StatusCode.ShouldBe(HttpStatusCode.OK, await patch.Content.ReadAsStringAsync());

        // The member sees the change in their team's trail.
        var trail = await JsonAsync(await _factory.ClientAs("alpha-member").GetAsync("/api/v1/audit-events?team=alpha&action=team.updated"), HttpStatusCode.OK);
        var change = trail.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        change.GetProperty("actorDisplay").GetString().ShouldBe("Ada Admin");
        var eventId = change.GetProperty("id").GetString();

        var clean = await JsonAsync(await admin.GetAsync("/api/v1/audit-events/verify"), HttpStatusCode.OK);
        clean.GetProperty("valid").GetBoolean().ShouldBeTrue();

        // Someone with database access rewrites who made the change.
        await TamperAsync($"UPDATE AuditEvents SET ActorDisplay = 'Somebody Else' WHERE Id = '{eventId!.ToUpperInvariant()}'");
        var broken = await JsonAsync(await admin.GetAsync("/api/v1/audit-events/verify"), HttpStatusCode.OK);

        broken.GetProperty("valid").GetBoolean().ShouldBeFalse();
        broken.GetProperty("firstBrokenEventId").GetString().ShouldBe(eventId);
        broken.GetProperty("reason").GetString().ShouldBe("content_changed");
    }

    [Test]
    public async Task Verify_catches_a_deleted_audit_row()
    {
        await RecordAsync(
            new AuditEntry("a.one", "x", "1", AuditOutcome.Succeeded),
            new AuditEntry("a.two", "x", "2", AuditOutcome.Succeeded),
            new AuditEntry("a.three", "x", "3", AuditOutcome.Succeeded));
        var admin = _factory.ClientAs("admin");
        (await JsonAsync(await admin.GetAsync("/api/v1/audit-events/verify"), HttpStatusCode.OK)).GetProperty("valid").GetBoolean().ShouldBeTrue();

        await TamperAsync("DELETE FROM AuditEvents WHERE Sequence = 2");
        var broken = await JsonAsync(await admin.GetAsync("/api/v1/audit-events/verify"), HttpStatusCode.OK);

        broken.GetProperty("valid").GetBoolean().ShouldBeFalse();
        broken.GetProperty("reason").GetString().ShouldBe("sequence_gap");
        broken.GetProperty("firstBrokenSequence").GetInt64().ShouldBe(2);
    }

    [Test]
    public async Task The_background_sealer_seals_without_being_asked()
    {
        await RecordAsync(new AuditEntry("a.one", "x", "1", AuditOutcome.Succeeded));

        // Waits for the 1-second sealing interval; bounded so a broken sealer fails instead of hanging.
        var sealedInTime = false;
        for (var attempt = 0; attempt < 300 && !sealedInTime; attempt++)
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            sealedInTime = await scope.ServiceProvider.GetRequiredService<IAppDbContext>().AuditEvents.AllAsync(e => e.Sequence != null);
            if (!sealedInTime)
            {
                await Task.Delay(100);
            }
        }

        sealedInTime.ShouldBeTrue();
    }

    [Test]
    public async Task Admins_list_everything_with_the_documented_shape()
    {
        await RecordAsync(new AuditEntry("team.member_added", "team", _alpha.Id.ToString(), AuditOutcome.Succeeded, _alpha.Id, new { role = "member" }));

        var page = await JsonAsync(await _factory.ClientAs("admin").GetAsync("/api/v1/audit-events?limit=10"), HttpStatusCode.OK);

        var item = page.GetProperty("items").EnumerateArray().Single();
        item.GetProperty("action").GetString().ShouldBe("team.member_added");
        item.GetProperty("actorKind").GetString().ShouldBe("user");
        item.GetProperty("outcome").GetString().ShouldBe("succeeded");
        item.GetProperty("team").GetString().ShouldBe("alpha");
        item.GetProperty("details").GetProperty("role").GetString().ShouldBe("member");
        page.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Test]
    public async Task Members_read_their_team_and_nothing_else()
    {
        await RecordAsync(
            new AuditEntry("team.updated", "team", _alpha.Id.ToString(), AuditOutcome.Succeeded, _alpha.Id),
            new AuditEntry("team.updated", "team", _beta.Id.ToString(), AuditOutcome.Succeeded, _beta.Id),
            new AuditEntry("user.created", "user", "u-1", AuditOutcome.Succeeded));
        var member = _factory.ClientAs("alpha-member");

        var own = await JsonAsync(await member.GetAsync("/api/v1/audit-events?team=alpha"), HttpStatusCode.OK);
        var all = await JsonAsync(await member.GetAsync("/api/v1/audit-events"), HttpStatusCode.Forbidden);
        var other = await JsonAsync(await member.GetAsync("/api/v1/audit-events?team=beta"), HttpStatusCode.NotFound);
        var verifyResponse = await member.GetAsync("/api/v1/audit-events/verify");
        var verify = await JsonAsync(verifyResponse, HttpStatusCode.Forbidden);
        verifyResponse.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var security = await JsonAsync(await member.GetAsync("/api/v1/security-events"), HttpStatusCode.Forbidden);

        own.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("team").GetString().ShouldBe("alpha");
        all.GetProperty("errorCode").GetString().ShouldBe("audit.team_required");
        other.GetProperty("errorCode").GetString().ShouldBe("team.not_found");
        verify.GetProperty("errorCode").GetString().ShouldBe("auth.admin_required");
        security.GetProperty("errorCode").GetString().ShouldBe("auth.admin_required");
    }

    [Test]
    public async Task Non_members_see_no_team()
    {
        var outsider = _factory.ClientAs("outsider");

        var alpha = await JsonAsync(await outsider.GetAsync("/api/v1/audit-events?team=alpha"), HttpStatusCode.NotFound);
        var missing = await JsonAsync(await outsider.GetAsync("/api/v1/audit-events?team=no-such-team"), HttpStatusCode.NotFound);

        alpha.GetProperty("errorCode").GetString().ShouldBe("team.not_found");
        missing.GetProperty("errorCode").GetString().ShouldBe("team.not_found");
    }

    [TestCase("/api/v1/audit-events")]
    [TestCase("/api/v1/audit-events/verify")]
    [TestCase("/api/v1/security-events")]
    public async Task Anonymous_callers_get_401(string path)
    {
        var problem = await JsonAsync(await _factory.ClientAs(null).GetAsync(path), HttpStatusCode.Unauthorized);

        problem.GetProperty("errorCode").GetString().ShouldBe("auth.unauthenticated");
    }

    [Test]
    public async Task Admins_list_security_events()
    {
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IAuditLog>().RecordSecurity(
                new SecurityEntry("token.replayed", SecuritySeverity.High, _alpha.Id, Details: new { jti = "abc" }));
            await scope.ServiceProvider.GetRequiredService<IAppDbContext>().SaveChangesAsync();
        }

        var page = await JsonAsync(await _factory.ClientAs("admin").GetAsync("/api/v1/security-events?severity=high&team=alpha"), HttpStatusCode.OK);

        var item = page.GetProperty("items").EnumerateArray().Single();
        item.GetProperty("type").GetString().ShouldBe("token.replayed");
        item.GetProperty("severity").GetString().ShouldBe("high");
        item.GetProperty("team").GetString().ShouldBe("alpha");
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
        var response = await _factory.ClientAs("admin").GetAsync(url);

        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem.GetProperty("errorCode").GetString()!.ShouldStartWith("request.");
        problem.GetProperty("errors").EnumerateObject().ShouldNotBeEmpty();
        problem.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
    }

    [Test]
    public async Task Paging_through_http_returns_every_event_once()
    {
        await RecordAsync([.. Enumerable.Range(0, 13).Select(i => new AuditEntry("bulk.created", "x", $"{i}", AuditOutcome.Succeeded))]);
        var admin = _factory.ClientAs("admin");
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var url = "/api/v1/audit-events?action=bulk.created&limit=5" + (cursor is null ? string.Empty : $"&cursor={cursor}");
            var page = await admin.GetFromJsonAsync<JsonElement>(url);
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        ids.Count.ShouldBe(13);
        ids.ShouldBeUnique();
    }
}
