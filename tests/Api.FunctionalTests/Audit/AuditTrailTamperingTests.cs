using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
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
/// Someone with access to the SQLite file edits or deletes audit rows behind the service's back;
/// <c>GET /api/v1/audit-events/verify</c> (admins, real token) names the first broken link. Each test undoes
/// its tampering afterwards and proves the chain verifies again, so the fixture's tests stay independent.
/// </summary>
public sealed class AuditTrailTamperingTests : FunctionalTestBase
{
    private SeededUser _admin = null!;
    private SeededUser _member = null!;
    private Team _team = null!;

    [OneTimeSetUp]
    public async Task Seed()
    {
        _admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        _member = await Factory.SeedUserAsync(Unique("member"));
        _team = await Factory.SeedTeamAsync(Unique("alpha"));
        await Factory.AddMemberAsync(_team, _member);
    }

    [Test]
    public async Task Verify_catches_an_audit_row_edited_directly_in_the_database()
    {
        var admin = ClientFor(_admin);
        var before = (await VerifyAsync(admin)).GetProperty("checked").GetInt64();
        var marker = Guid.NewGuid().ToString("N")[..8];
        await RecordAsync(
            new AuditEntry($"team.created.{marker}", "team", _team.Id.ToString(), AuditOutcome.Succeeded, _team.Id, new { name = "alpha" }),
            new AuditEntry($"team.member_added.{marker}", "team", _team.Id.ToString(), AuditOutcome.Succeeded, _team.Id, new { role = "member" }),
            new AuditEntry($"user.updated.{marker}", "user", "u-1", AuditOutcome.Denied));

        var clean = await VerifyAsync(admin);
        clean.GetProperty("valid").GetBoolean().ShouldBeTrue();
        clean.GetProperty("checked").GetInt64().ShouldBe(before + 3);
        clean.GetProperty("unsealed").GetInt32().ShouldBe(0);

        var target = await Factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == $"team.member_added.{marker}"));
        var sequence = target.Sequence!.Value;
        await ExecuteSqlAsync($"UPDATE AuditEvents SET DetailsJson = '{{\"role\":\"maintainer\"}}' WHERE Sequence = {sequence}");
        try
        {
            var broken = await VerifyAsync(admin);

            broken.GetProperty("valid").GetBoolean().ShouldBeFalse();
            broken.GetProperty("firstBrokenSequence").GetInt64().ShouldBe(sequence);
            broken.GetProperty("firstBrokenEventId").GetString().ShouldBe(target.Id.ToString());
            broken.GetProperty("reason").GetString().ShouldBe("content_changed");
        }
        finally
        {
            await ExecuteSqlAsync($"UPDATE AuditEvents SET DetailsJson = '{target.DetailsJson.Replace("'", "''", StringComparison.Ordinal)}' WHERE Sequence = {sequence}");
        }

        (await VerifyAsync(admin)).GetProperty("valid").GetBoolean().ShouldBeTrue("the restored row verifies again");
    }

    [Test]
    public async Task A_change_made_through_the_api_is_audited_and_an_edit_of_its_row_is_caught()
    {
        var admin = ClientFor(_admin);
        var patch = await admin.PatchAsJsonAsync($"/api/v1/teams/{_team.Name}", new { description = $"Renamed {Guid.NewGuid():N}" });
        patch.StatusCode.ShouldBe(HttpStatusCode.OK, await patch.Content.ReadAsStringAsync());

        // The member sees the change in their team's trail, made by the admin.
        var trail = await (await ClientFor(_member).GetAsync($"/api/v1/audit-events?team={_team.Name}&action=team.updated&limit=1"))
            .ShouldBeJsonAsync();
        var change = trail.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        change.GetProperty("actorDisplay").GetString().ShouldBe(_admin.DisplayName);
        var eventId = change.GetProperty("id").GetString()!;

        (await VerifyAsync(admin)).GetProperty("valid").GetBoolean().ShouldBeTrue();

        // Someone with database access rewrites who made the change.
        await ExecuteSqlAsync($"UPDATE AuditEvents SET ActorDisplay = 'Somebody Else' WHERE Id = '{eventId.ToUpperInvariant()}'");
        try
        {
            var broken = await VerifyAsync(admin);

            broken.GetProperty("valid").GetBoolean().ShouldBeFalse();
            broken.GetProperty("firstBrokenEventId").GetString().ShouldBe(eventId);
            broken.GetProperty("reason").GetString().ShouldBe("content_changed");
        }
        finally
        {
            await ExecuteSqlAsync(
                $"UPDATE AuditEvents SET ActorDisplay = '{_admin.DisplayName.Replace("'", "''", StringComparison.Ordinal)}' WHERE Id = '{eventId.ToUpperInvariant()}'");
        }

        (await VerifyAsync(admin)).GetProperty("valid").GetBoolean().ShouldBeTrue("the restored row verifies again");
    }

    [Test]
    public async Task Verify_catches_a_deleted_audit_row()
    {
        var admin = ClientFor(_admin);
        var marker = Guid.NewGuid().ToString("N")[..8];
        await RecordAsync(
            new AuditEntry($"a.one.{marker}", "x", "1", AuditOutcome.Succeeded),
            new AuditEntry($"a.two.{marker}", "x", "2", AuditOutcome.Succeeded),
            new AuditEntry($"a.three.{marker}", "x", "3", AuditOutcome.Succeeded));
        (await VerifyAsync(admin)).GetProperty("valid").GetBoolean().ShouldBeTrue();
        // Events recorded in the same millisecond may be sealed in any order: delete the middle link of the
        // three (a row with later links after it; a truncated tail is out of reach of any hash chain alone).
        var sequences = await Factory.WithDbAsync(db =>
            db.AuditEvents.Where(e => e.Action.EndsWith("." + marker)).Select(e => e.Sequence!.Value).OrderBy(s => s).ToListAsync());
        sequences.Count.ShouldBe(3);
        var sequence = sequences[1];

        await ExecuteSqlAsync($"CREATE TABLE DeletedAuditEvent AS SELECT * FROM AuditEvents WHERE Sequence = {sequence}", expectedRows: null);
        await ExecuteSqlAsync($"DELETE FROM AuditEvents WHERE Sequence = {sequence}");
        try
        {
            var broken = await VerifyAsync(admin);

            broken.GetProperty("valid").GetBoolean().ShouldBeFalse();
            broken.GetProperty("reason").GetString().ShouldBe("sequence_gap");
            broken.GetProperty("firstBrokenSequence").GetInt64().ShouldBe(sequence);
        }
        finally
        {
            await ExecuteSqlAsync("INSERT INTO AuditEvents SELECT * FROM DeletedAuditEvent");
            await ExecuteSqlAsync("DROP TABLE DeletedAuditEvent", expectedRows: null);
        }

        (await VerifyAsync(admin)).GetProperty("valid").GetBoolean().ShouldBeTrue("the restored row verifies again");
    }

    /// <summary>Seals what is pending (as the sealing service would on its next run), then verifies over HTTP.</summary>
    private async Task<JsonElement> VerifyAsync(HttpClient admin)
    {
        await SealAsync();
        return await (await admin.GetAsync("/api/v1/audit-events/verify")).ShouldBeJsonAsync();
    }

    private Task SealAsync() => Factory.SealAuditTrailAsync();

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

    /// <summary>Edits the API's SQLite file directly, the way someone with file access would.</summary>
    private async Task ExecuteSqlAsync(string sql, int? expectedRows = 1)
    {
        var builder = new SqliteConnectionStringBuilder(Factory.EffectiveSettings["ConnectionStrings:RunnerTokens"]) { Pooling = false };
        await using var connection = new SqliteConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = await command.ExecuteNonQueryAsync();
        if (expectedRows is { } expected)
        {
            rows.ShouldBe(expected, sql);
        }
    }
}
