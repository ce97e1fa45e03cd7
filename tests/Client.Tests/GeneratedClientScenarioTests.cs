using System.Diagnostics;

namespace RunnerTokens.Client.Tests;

/// <summary>
/// Clients other generators make from the committed contract run the same scenario against the real host on a
/// loopback port, with no hand-written workaround: the TypeScript example (openapi-typescript + openapi-fetch,
/// built by scripts/check-typescript-client.sh, which scripts/test.sh runs) and the Kiota program (built by
/// scripts/check-generated-clients.sh, which passes its path in <c>RUNNERTOKENS_KIOTA_SCENARIO</c>). The test mints the
/// tokens, runs the program, and checks what it did through the C# client.
/// </summary>
[NonParallelizable]
public sealed class GeneratedClientScenarioTests
{
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(3);
    private LoopbackHost _host = null!;

    [OneTimeSetUp]
    public void StartHost() => _host = LoopbackHost.Start();

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [Test]
    public async Task The_TypeScript_example_runs_the_scenario()
    {
        var script = Path.Combine(RepositoryRoot(), "clients", "typescript", "dist", "example.js");
        if (!File.Exists(script))
        {
            Assert.Ignore("clients/typescript is not built: run scripts/check-typescript-client.sh (needs npm; scripts/test.sh runs it)");
            return;
        }

        await RunScenarioAsync("node", [script], "ts");
    }

    [Test]
    public async Task The_Kiota_client_runs_the_scenario()
    {
        var program = Environment.GetEnvironmentVariable("RUNNERTOKENS_KIOTA_SCENARIO");
        if (string.IsNullOrEmpty(program))
        {
            Assert.Ignore("the Kiota client is generated and built by scripts/check-generated-clients.sh, which runs this test");
            return;
        }

        await RunScenarioAsync("dotnet", [program], "kiota");
    }

    private async Task RunScenarioAsync(string command, IReadOnlyList<string> arguments, string prefix)
    {
        var team = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        var memberSubject = $"{team}-dev";
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot(),
            Environment =
            {
                ["RUNNERTOKENS_URL"] = _host.BaseAddress.ToString(),
                ["RUNNERTOKENS_ADMIN_TOKEN"] = LoopbackHost.AdminToken(),
                ["RUNNERTOKENS_MEMBER_ISSUER"] = LoopbackHost.Issuers.Primary.IssuerId,
                ["RUNNERTOKENS_MEMBER_SUBJECT"] = memberSubject,
                ["RUNNERTOKENS_MEMBER_TOKEN"] = LoopbackHost.Issuers.Primary.UserToken(memberSubject),
                ["RUNNERTOKENS_TEAM"] = team,
                ["RUNNERTOKENS_ORGANIZATION"] = "acme",
            },
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScenarioTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var printed = $"{await output}\n{await error}";
        TestContext.Out.WriteLine(printed);
        process.ExitCode.ShouldBe(0, printed);
        printed.ShouldContain($"scenario passed: team {team}, 3 provisioned");

        // What the program did is what the service holds: two live runners (a listing leaves deleted ones out
        // unless asked for them) and the deleted one.
        var admin = _host.Client(LoopbackHost.AdminToken);
        var live = await ToListAsync(admin.ListAllRunnersAsync(team: team));
        var deleted = await ToListAsync(admin.ListAllRunnersAsync(team: team, status: RunnerStatus.Deleted));

        live.Count.ShouldBe(2);
        live.ShouldAllBe(r => r.Labels.Contains("gpu") && r.Labels.Contains(team));
        deleted.ShouldHaveSingleItem().DeletionReason.ShouldBe(RunnerDeletionReason.Requested);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RunnerTokens.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("RunnerTokens.sln not found above the test directory");
    }
}
