using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Api.FunctionalTests.Audit;

/// <summary>
/// Changes made through the API, then audit rows edited and deleted directly in the SQLite file (its own
/// API and database: the chain stays broken for the rest of the fixture).
/// </summary>
public sealed class AuditTrailTamperingTests : FunctionalTestBase
{
    private SeededUser _admin = null!;

    [OneTimeSetUp]
    public async Task Seed() => _admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);

    private async Task<JsonElement> VerifyAsync() =>
        await (await ClientFor(_admin).GetAsync("/api/v1/audit-events/verify")).OkJsonAsync();

    /// <summary>Runs SQL on the database file with a connection of its own, outside the service.</summary>
    private async Task<int> ExecuteInFileAsync(string sql, params (string Name, object Value)[] parameters)
    {
        var connectionString = Factory.EffectiveSettings["ConnectionStrings:RunnerTokens"];
        await using var connection = new SqliteConnection(connectionString + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task Edits_and_deletions_made_directly_in_the_database_are_caught_by_verify()
    {
        // Three changes through the API, each audited in its own transaction.
        var bob = await Factory.SeedUserAsync(Unique("bob"));
        var admin = ClientFor(_admin);
        foreach (var name in new[] { "Bob One", "Bob Two", "Bob Three" })
        {
            (await admin.PatchAsJsonAsync($"/api/v1/users/{bob.Id}", new { displayName = name })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var clean = await VerifyAsync();
        clean.GetProperty("valid").GetBoolean().ShouldBeTrue(clean.ToString());
        clean.GetProperty("unsealed").GetInt32().ShouldBe(0);

        var changes = await Factory.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == "user.updated" && e.TargetId == bob.Id.ToString())
            .OrderBy(e => e.Sequence)
            .ToListAsync());
        changes.Count.ShouldBe(3);
        var second = changes[1];

        // Someone with access to the file rewrites what the second change did.
        (await ExecuteInFileAsync(
            $"UPDATE AuditEvents SET DetailsJson = replace(DetailsJson, 'Bob Two', 'Bob 2') WHERE Sequence = {second.Sequence}")).ShouldBe(1);
        var edited = await VerifyAsync();

        edited.GetProperty("valid").GetBoolean().ShouldBeFalse();
        edited.GetProperty("firstBrokenSequence").GetInt64().ShouldBe(second.Sequence!.Value);
        edited.GetProperty("firstBrokenEventId").GetGuid().ShouldBe(second.Id);
        edited.GetProperty("reason").GetString().ShouldBe("content_changed");
        edited.GetProperty("checked").GetInt64().ShouldBe(second.Sequence.Value - 1);

        // Put the exact original text back: the chain verifies again, so detection is exact, not approximate.
        (await ExecuteInFileAsync(
            "UPDATE AuditEvents SET DetailsJson = $details WHERE Sequence = $sequence",
            ("$details", second.DetailsJson),
            ("$sequence", second.Sequence.Value))).ShouldBe(1);

        (await VerifyAsync()).GetProperty("valid").GetBoolean().ShouldBeTrue();

        // Someone deletes the first change.
        (await ExecuteInFileAsync($"DELETE FROM AuditEvents WHERE Sequence = {changes[0].Sequence}")).ShouldBe(1);
        var deleted = await VerifyAsync();

        deleted.GetProperty("valid").GetBoolean().ShouldBeFalse();
        deleted.GetProperty("reason").GetString().ShouldBe("sequence_gap");
        deleted.GetProperty("firstBrokenSequence").GetInt64().ShouldBe(changes[0].Sequence!.Value);
    }
}
