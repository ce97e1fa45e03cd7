using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Api.FunctionalTests.Audit;

/// <summary>
/// The keyed chain through the HTTP API, with a configured <c>Audit:ChainKey</c> and real admin tokens:
/// someone who can write the SQLite file edits a row and re-computes the chain from there (plain SHA-256,
/// as the chain used to be, or HMAC with a key of their own); verify names the edited row. The background
/// sealer is off: each test seals explicitly, as the service would on its next run.
/// </summary>
public sealed class KeyedAuditTrailApiTests : FunctionalTestBase
{
    private static readonly byte[] ChainKey = RandomNumberGenerator.GetBytes(32);
    private SeededUser _admin = null!;
    private SeededUser _member = null!;

    protected override ApiFactoryOptions FactoryOptions => new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["Audit:ChainKey"] = Convert.ToBase64String(ChainKey),
            ["Audit:ChainKeyId"] = "prod-2026",
            ["Audit:Sealing:Enabled"] = "false",
        },
    };

    [OneTimeSetUp]
    public async Task Seed()
    {
        _admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        _member = await Factory.SeedUserAsync(Unique("member"));
    }

    public enum Forgery
    {
        PlainSha256,
        HmacWithAnotherKey,
    }

    [TestCase(Forgery.PlainSha256)]
    [TestCase(Forgery.HmacWithAnotherKey)]
    public async Task A_row_edited_and_rechained_without_the_key_is_caught_where_the_edit_is(Forgery forgery)
    {
        var admin = ClientFor(_admin);
        var marker = await RecordAsync(4);
        await SealAsync();
        (await VerifyAsync(admin)).GetProperty("valid").GetBoolean().ShouldBeTrue();
        var chain = await Factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Sequence != null).OrderBy(e => e.Sequence).ToListAsync());
        chain[^1].KeyId.ShouldBe("prod-2026");
        var edited = chain.Single(e => e.Action == $"user.updated.{marker}.1");
        var anotherKey = new AuditChainKey("prod-2026", RandomNumberGenerator.GetBytes(32));

        // Edit who did it, then re-chain every later link so each previous-hash matches: a plain hash chain
        // would now verify again.
        var previous = chain.SingleOrDefault(e => e.Sequence == edited.Sequence - 1)?.Hash;
        var originals = new List<AuditEvent>();
        foreach (var e in chain.Where(e => e.Sequence >= edited.Sequence))
        {
            var content = e.Id == edited.Id ? e.ToContent() with { ActorDisplay = "Somebody Else" } : e.ToContent();
            var hash = forgery == Forgery.PlainSha256
                ? AuditChain.ComputeHash(e.Sequence!.Value, previous, content)
                : AuditChain.ComputeKeyedHash(anotherKey, e.Sequence!.Value, previous, content);
            await ExecuteSqlAsync(
                "UPDATE AuditEvents SET ActorDisplay = $display, PreviousHash = $previous, Hash = $hash WHERE Id = $id",
                ("$display", content.ActorDisplay), ("$previous", previous), ("$hash", hash), ("$id", e.Id.ToString().ToUpperInvariant()));
            originals.Add(e);
            previous = hash;
        }

        try
        {
            var broken = await VerifyAsync(admin);

            broken.GetProperty("valid").GetBoolean().ShouldBeFalse();
            broken.GetProperty("reason").GetString().ShouldBe("content_changed");
            broken.GetProperty("firstBrokenSequence").GetInt64().ShouldBe(edited.Sequence!.Value);
            broken.GetProperty("firstBrokenEventId").GetString().ShouldBe(edited.Id.ToString());
        }
        finally
        {
            foreach (var e in originals)
            {
                await ExecuteSqlAsync(
                    "UPDATE AuditEvents SET ActorDisplay = $display, PreviousHash = $previous, Hash = $hash WHERE Id = $id",
                    ("$display", e.ActorDisplay), ("$previous", e.PreviousHash), ("$hash", e.Hash), ("$id", e.Id.ToString().ToUpperInvariant()));
            }
        }

        (await VerifyAsync(admin)).GetProperty("valid").GetBoolean().ShouldBeTrue("the restored rows verify again");
    }

    [Test]
    public async Task Admins_list_signed_checkpoints_and_verify_against_one_as_an_anchor()
    {
        var admin = ClientFor(_admin);
        await RecordAsync(2);
        await SealAsync();

        var checkpoints = await (await admin.GetAsync("/api/v1/audit-events/checkpoints?limit=1")).ShouldBeJsonAsync();
        var latest = checkpoints.EnumerateArray().ShouldHaveSingleItem();
        latest.GetProperty("authentic").GetBoolean().ShouldBeTrue();
        latest.GetProperty("keyId").GetString().ShouldBe("prod-2026");
        var sequence = latest.GetProperty("sequence").GetInt64();
        var hash = latest.GetProperty("headHash").GetString()!;

        var anchored = await (await admin.GetAsync($"/api/v1/audit-events/verify?anchorSequence={sequence}&anchorHash={hash}")).ShouldBeJsonAsync();
        anchored.GetProperty("valid").GetBoolean().ShouldBeTrue();
        anchored.GetProperty("anchorsMatched").GetInt32().ShouldBeGreaterThanOrEqualTo(1);

        var wrong = await (await admin.GetAsync($"/api/v1/audit-events/verify?anchorSequence={sequence}&anchorHash={new string('0', 64)}")).ShouldBeJsonAsync();
        wrong.GetProperty("valid").GetBoolean().ShouldBeFalse();
        wrong.GetProperty("reason").GetString().ShouldBe("anchor_mismatch");
        wrong.GetProperty("firstBrokenSequence").GetInt64().ShouldBe(sequence);

        await (await admin.GetAsync("/api/v1/audit-events/verify?anchorSequence=3")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        await (await ClientFor(_member).GetAsync("/api/v1/audit-events/checkpoints")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.admin_required");
    }

    [Test]
    public async Task Verify_does_not_seal()
    {
        var admin = ClientFor(_admin);
        await SealAsync();
        await RecordAsync(2);

        var first = await VerifyAsync(admin, seal: false);
        var second = await VerifyAsync(admin, seal: false);

        first.GetProperty("unsealed").GetInt32().ShouldBe(2);
        second.GetProperty("unsealed").GetInt32().ShouldBe(2, "a GET changes nothing");
        await SealAsync();
    }

    private async Task<JsonElement> VerifyAsync(HttpClient admin, bool seal = true)
    {
        if (seal)
        {
            await SealAsync();
        }

        return await (await admin.GetAsync("/api/v1/audit-events/verify")).ShouldBeJsonAsync();
    }

    private Task SealAsync() => Factory.SealAuditTrailAsync();

    /// <summary>Records events the way a use case does; returns the marker in their actions.</summary>
    private async Task<string> RecordAsync(int count)
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        await using var scope = Factory.Services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        for (var i = 0; i < count; i++)
        {
            log.Record(new AuditEntry($"user.updated.{marker}.{i}", "user", $"u-{i}", AuditOutcome.Succeeded, Actor: new AuditActor(PrincipalKind.User, "alice", "Alice")));
        }

        await scope.ServiceProvider.GetRequiredService<IAppDbContext>().SaveChangesAsync();
        return marker;
    }

    /// <summary>Edits the API's SQLite file directly, the way someone with file access would.</summary>
    private async Task ExecuteSqlAsync(string sql, params (string Name, string? Value)[] parameters)
    {
        var builder = new SqliteConnectionStringBuilder(Factory.EffectiveSettings["ConnectionStrings:RunnerTokens"]) { Pooling = false };
        await using var connection = new SqliteConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, (object?)value ?? DBNull.Value);
        }

        (await command.ExecuteNonQueryAsync()).ShouldBe(1, sql);
    }
}
