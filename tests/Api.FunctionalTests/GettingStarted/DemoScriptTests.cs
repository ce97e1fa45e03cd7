using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Api.FunctionalTests.GettingStarted;

/// <summary>
/// Runs <c>scripts/demo.sh</c>, the getting-started walkthrough (docs/getting-started.md), against the real
/// API listening on a loopback port, so the walkthrough cannot rot: every request it documents must still
/// answer as written, and the run must end with a deleted runner and a valid audit chain. The caller is a
/// bootstrap admin (by issuer and subject) with a token of the test issuer; the simulator brings runners online
/// after 1 s and the sync runs every 2 s, so the wait for "online" is short.
/// </summary>
[NonParallelizable]
public sealed partial class DemoScriptTests
{
    private const string AdminSubject = "getting-started-admin";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    private RunnerTokensApiFactory _factory = null!;
    private string _baseUrl = null!;

    private static TestIssuer Issuer => TestIssuerServer.Shared.Primary;

    [OneTimeSetUp]
    public void StartApiOnLoopback()
    {
        _factory = new RunnerTokensApiFactory(new ApiFactoryOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["Authorization:BootstrapAdmins:0"] = $"sub:{Issuer.IssuerId}|{AdminSubject}",
                ["GitHub:Simulator:RunnerOnlineDelay"] = "00:00:01",
                ["Sync:Interval"] = "00:00:02",
            },
        });
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        _baseUrl = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Single();
    }

    [OneTimeTearDown]
    public async Task StopApi() => await _factory.DisposeAsync();

    [Test]
    public async Task The_walkthrough_ends_with_a_deleted_runner_and_a_valid_audit_chain()
    {
        var token = Issuer.UserToken(AdminSubject, email: "platform-admin@example.com");

        var run = await RunDemoAsync(token);

        run.ExitCode.ShouldBe(0, run.Output);
        var done = DoneLine().Match(run.Output);
        done.Success.ShouldBeTrue($"the last line names the deleted runner and the valid chain:\n{run.Output}");
        run.Output.ShouldContain("status deleted, reason requested");
        run.Output.ShouldMatch(@"policy version 3: required [a-z0-9-]+, at most 3 runners", "a PATCH changes one field and keeps the others");
        run.Output.ShouldContain("runner.jit_provisioned  succeeded");
        run.Output.ShouldContain("runner.deleted  succeeded");

        // What the script printed is what the service holds.
        using var client = ApiClient(token);
        var runner = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/runners/{done.Groups["id"].Value}")).RootElement;
        runner.TryGetProperty("runner", out _).ShouldBeFalse("a runner read is flat");
        runner.GetProperty("status").GetString().ShouldBe("deleted");
        runner.GetProperty("firstOnlineAt").ValueKind.ShouldBe(JsonValueKind.String, "the walkthrough waited for the runner to come online");
        var chain = JsonDocument.Parse(await client.GetStringAsync("/api/v1/audit-events/verify")).RootElement;
        chain.GetProperty("valid").GetBoolean().ShouldBeTrue();
    }

    [Test]
    public async Task The_walkthrough_stops_at_the_first_failed_step()
    {
        var stranger = Issuer.UserToken("getting-started-stranger", email: "stranger@example.com");

        var run = await RunDemoAsync(stranger);

        run.ExitCode.ShouldNotBe(0, run.Output);
        run.Output.ShouldContain("demo: FAILED at step 3: GET /api/v1/me answered 403, expected 200 (principal.unknown");
        run.Output.ShouldNotContain("==> 4.");
    }

    private HttpClient ApiClient(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(_baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<(int ExitCode, string Output)> RunDemoAsync(string token)
    {
        foreach (var tool in new[] { "bash", "curl", "jq" })
        {
            if (!OnPath(tool))
            {
                Assert.Ignore($"scripts/demo.sh needs {tool}, which is not on PATH here.");
            }
        }

        var root = RepositoryRoot();
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "demo.sh")])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["RUNNERTOKENS_URL"] = _baseUrl;
        start.Environment["RUNNERTOKENS_TOKEN"] = token;
        start.Environment["RUNNERTOKENS_DEMO_WAIT"] = "30";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"scripts/demo.sh did not finish within {ScriptTimeout}:\n{Snapshot(output)}");
        }

        process.WaitForExit(); // drains the redirected streams
        var text = Snapshot(output);
        await TestContext.Out.WriteLineAsync(text);
        return (process.ExitCode, text);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(dir => File.Exists(Path.Combine(dir, tool)));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "demo.sh")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("scripts/demo.sh not found above " + TestContext.CurrentContext.TestDirectory);
    }

    [GeneratedRegex(@"^demo: done: runner (?<id>[0-9a-f-]{36}) deleted, audit chain valid$", RegexOptions.Multiline)]
    private static partial Regex DoneLine();
}
