using System.CommandLine;
using RunnerTokens.Cli.Hosting;
using RunnerTokens.Cli.Output;
using RunnerTokens.Client;

namespace RunnerTokens.Cli.Commands;

/// <summary><c>sync run|status</c>: reconciliation of the service's runners with GitHub (administrators).</summary>
public static class SyncCommands
{
    private static readonly Column<SyncRunDto>[] Columns =
    [
        new("Organization", s => s.Organization),
        new("Started", s => Renderer.Time(s.StartedAt)),
        new("Duration", s => $"{s.DurationMilliseconds} ms"),
        new("At GitHub", s => Renderer.Number(s.RunnersAtGitHub)),
        new("Changes", s => Renderer.Number(s.Changes)),
        new("Errors", s => Renderer.Number(s.Errors)),
        new("Last error", s => s.LastError),
        new("Rate limit left", s => Renderer.Number(s.RateLimitRemaining)),
    ];

    public static IEnumerable<Command> Build(CliEnvironment environment)
    {
        var run = new Command("run", "Synchronize every organization with GitHub now; exit 4 when an organization failed.").Runs(environment, async (cli, ct) =>
        {
            var runs = await cli.Output.ProgressAsync("Synchronizing with GitHub...", _ => cli.Client.RunSyncAsync(ct));
            cli.Output.Table(runs, Columns);
            return runs.Any(r => r.Errors > 0) ? ExitCodes.Failed : ExitCodes.Success;
        });
        var status = new Command("status", "The last synchronization of each organization.").Runs(environment, async (cli, ct) =>
        {
            cli.Output.Table(await cli.Client.GetSyncStatusAsync(ct), Columns);
            return ExitCodes.Success;
        });
        yield return new Command("sync", "Reconcile runners with GitHub (administrators).") { run, status };
    }
}
