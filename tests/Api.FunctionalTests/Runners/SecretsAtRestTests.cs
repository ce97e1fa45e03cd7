using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.Runners;

/// <summary>After provisioning, neither the database files nor any log line contain the JIT config or the token.</summary>
public sealed class SecretsAtRestTests : FunctionalTestBase
{
    private readonly CapturingLoggerProvider _logs = new();

    protected override ApiFactoryOptions FactoryOptions => new()
    {
        Settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" },
        ConfigureServices = services => services.AddSingleton<ILoggerProvider>(_logs),
    };

    [Test]
    public async Task Neither_the_database_nor_the_logs_hold_the_jit_config_or_the_registration_token()
    {
        var team = await Factory.SeedTeamAsync(Unique("team"), policy: new LabelPolicySettings([], ["x-.*"], [], null, null, true, false));
        var member = await Factory.SeedUserAsync(Unique("member"));
        await Factory.AddMemberAsync(team, member);
        var client = ClientFor(member);

        var jit = await client.PostAsJsonAsync("/api/v1/runners/jit", new { team = team.Name, name = Unique("r"), labels = new[] { "x-1" } });
        var token = await client.PostAsJsonAsync("/api/v1/runners/registration-token", new { team = team.Name, name = Unique("t"), labels = new[] { "x-1" } });
        jit.StatusCode.ShouldBe(HttpStatusCode.Created);
        token.StatusCode.ShouldBe(HttpStatusCode.Created);
        var config = (await jit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("encodedJitConfig").GetString()!;
        var registrationToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("registrationToken").GetString()!;
        config.Length.ShouldBeGreaterThan(20);
        registrationToken.Length.ShouldBeGreaterThan(20);

        _logs.Lines.ShouldNotBeEmpty("the capture must see the service's logs for this test to mean anything");
        _logs.Lines.ShouldNotContain(line => line.Contains(config, StringComparison.Ordinal) || line.Contains(registrationToken, StringComparison.Ordinal));

        var databasePath = new SqliteConnectionStringBuilder(Factory.EffectiveSettings["ConnectionStrings:RunnerTokens"]).DataSource;
        var files = new[] { databasePath, databasePath + "-wal" }.Where(File.Exists).ToList();
        files.ShouldNotBeEmpty();
        foreach (var file in files)
        {
            var bytes = await ReadSharedAsync(file);
            ContainsBytes(bytes, config).ShouldBeFalse($"{Path.GetFileName(file)} holds the JIT config");
            ContainsBytes(bytes, registrationToken).ShouldBeFalse($"{Path.GetFileName(file)} holds the registration token");
        }

        // The check can fail: the database does hold what is stored, such as the runner's name.
        var stored = await Factory.WithDbAsync(db => Task.FromResult(db.Runners.Select(r => r.Name).First()));
        files.Any(file => ContainsBytes(File.ReadAllBytes(file), stored)).ShouldBeTrue();
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static bool ContainsBytes(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
