using System.CommandLine;
using RunnerTokens.Cli.Hosting;
using RunnerTokens.Cli.Output;
using RunnerTokens.Client;

namespace RunnerTokens.Cli.Commands;

/// <summary><c>runners provision|list|get|delete</c>.</summary>
public static class RunnersCommands
{
    private static readonly Column<RunnerDto>[] RunnerColumns =
    [
        new("Id", r => r.Id.ToString()),
        new("Name", r => r.Name),
        new("Team", r => r.Team),
        new("Status", r => CliJson.Wire(r.Status)),
        new("Kind", r => CliJson.Wire(r.Kind)),
        new("Labels", r => Renderer.List(r.Labels)),
        new("Group", r => Renderer.Number(r.RunnerGroupId)),
        new("Created", r => Renderer.Time(r.CreatedAt)),
    ];

    public static IEnumerable<Command> Build(CliEnvironment environment)
    {
        yield return new Command("runners", "Provision, list, inspect and delete runners.")
        {
            Provision(environment),
            List(environment),
            Get(environment),
            Delete(environment),
        };
    }

    private static Command Provision(CliEnvironment environment)
    {
        var team = new Option<string?>("--team", "-t") { Description = "The team (optional for a machine identity: its own team)." };
        var labels = new Option<string[]>("--label", "-l") { Description = "A label to request (repeat for more)." };
        var name = new Option<string?>("--name") { Description = "The runner's exact name." };
        var prefix = new Option<string?>("--name-prefix") { Description = "A prefix; the service adds a unique suffix (default without --name: the team's name, or 'runner')." };
        var group = new Option<long?>("--group") { Description = "Runner group id (default: the policy's)." };
        var workFolder = new Option<string?>("--work-folder") { Description = "The runner's work folder." };
        var output = new Option<string>("--output", "-o")
        {
            Description = "table (default), json, env (RUNNER_* lines for eval or a .env file) or run-command (the line that starts the runner).",
            DefaultValueFactory = _ => "table",
        };
        output.AcceptOnlyFromAmong("table", "json", "env", "run-command");
        var command = new Command("provision", "Provision a just-in-time runner; prints how to start it (the JIT config is a secret, shown once).")
        {
            team, labels, name, prefix, group, workFolder, output,
        };
        return command.Runs(environment, async (cli, ct) =>
        {
            var runner = await cli.Client.ProvisionJitRunnerAsync(
                new ProvisionJitRunnerRequest
                {
                    Team = cli.Value(team),
                    Labels = cli.Value(labels) is { Length: > 0 } requested ? requested : null,
                    Name = cli.Value(name),
                    NamePrefix = cli.Value(prefix) ?? (cli.Value(name) is null ? cli.Value(team) ?? "runner" : null),
                    RunnerGroupId = cli.Value(group),
                    WorkFolder = cli.Value(workFolder),
                },
                ct);
            switch (cli.Output.Json ? "json" : cli.Value(output))
            {
                case "json":
                    cli.Output.WriteJson(runner);
                    break;
                case "env":
                    cli.Output.Raw(string.Join(Environment.NewLine,
                        $"RUNNER_ID={runner.Id}",
                        $"RUNNER_NAME={runner.Name}",
                        $"RUNNER_TEAM={runner.Team}",
                        $"RUNNER_LABELS={string.Join(',', runner.Labels)}",
                        $"RUNNER_GROUP_ID={runner.RunnerGroupId}",
                        $"RUNNER_JITCONFIG={runner.EncodedJitConfig}"));
                    break;
                case "run-command":
                    cli.Output.Raw(runner.RunCommand);
                    break;
                default:
                    cli.Output.Fields(runner,
                        ("Id", runner.Id.ToString()),
                        ("Name", runner.Name),
                        ("Team", runner.Team),
                        ("Organization", runner.Organization),
                        ("Labels", Renderer.List(runner.Labels)),
                        ("Group", Renderer.Number(runner.RunnerGroupId)),
                        ("Status", CliJson.Wire(runner.Status)),
                        ("Start it with", runner.RunCommand));
                    break;
            }

            return ExitCodes.Success;
        });
    }

    private static Command List(CliEnvironment environment)
    {
        var team = new Option<string?>("--team", "-t") { Description = "Only this team's runners." };
        var status = new Option<RunnerStatus?>("--status") { Description = "Only runners in this status." };
        var name = new Option<string?>("--name") { Description = "Only runners whose name contains this." };
        var kind = new Option<RunnerKind?>("--kind") { Description = "jit or registrationToken." };
        var limit = new Option<int>("--limit") { Description = "At most this many (newest first).", DefaultValueFactory = _ => 100 };
        var command = new Command("list", "List the runners you can see, newest first.") { team, status, name, kind, limit };
        return command.Runs(environment, async (cli, ct) =>
        {
            var runners = await cli.Client.ListAllRunnersAsync(cli.Value(team), cli.Value(status), cli.Value(name), cli.Value(kind), cancellationToken: ct)
                .Take(Math.Max(cli.Value(limit), 1)).ToListAsync(ct);
            cli.Output.Table(runners, RunnerColumns);
            return ExitCodes.Success;
        });
    }

    private static Command Get(CliEnvironment environment)
    {
        var id = new Argument<Guid>("id") { Description = "The runner's id." };
        var command = new Command("get", "Show one runner and its recent jobs.") { id };
        return command.Runs(environment, async (cli, ct) =>
        {
            var r = await cli.Client.GetRunnerAsync(cli.Value(id), ct);
            cli.Output.Fields(r,
                ("Id", r.Id.ToString()),
                ("Name", r.Name),
                ("Team", r.Team),
                ("Organization", r.Organization),
                ("Status", CliJson.Wire(r.Status)),
                ("Kind", CliJson.Wire(r.Kind)),
                ("Labels", Renderer.List(r.Labels)),
                ("Requested labels", Renderer.List(r.RequestedLabels)),
                ("Group", Renderer.Number(r.RunnerGroupId)),
                ("Policy version", Renderer.Number(r.PolicyVersion)),
                ("GitHub runner id", Renderer.Number(r.GithubRunnerId)),
                ("Ephemeral", r.Ephemeral ? "yes" : "no"),
                ("Provisioned by", $"{r.ProvisionedBy} ({r.ProvisionedByKind})"),
                ("Created", Renderer.Time(r.CreatedAt)),
                ("First online", Renderer.Time(r.FirstOnlineAt)),
                ("Deleted", r.DeletedAt is null ? null : $"{Renderer.Time(r.DeletedAt)} by {r.DeletedBy} ({(r.DeletionReason is { } reason ? CliJson.Wire(reason) : "-")})"),
                ("Jobs", r.Jobs.Count == 0 ? "none" : string.Join("; ", r.Jobs.Select(j => $"{j.Repository} {j.Workflow}/{j.JobName} {j.Conclusion ?? "running"}"))));
            return ExitCodes.Success;
        });
    }

    private static Command Delete(CliEnvironment environment)
    {
        var id = new Argument<Guid?>("id") { Description = "The runner to delete (or use --team for many).", Arity = ArgumentArity.ZeroOrOne };
        var force = new Option<bool>("--force") { Description = "Delete even a busy runner (its job fails)." };
        var team = new Option<string?>("--team", "-t") { Description = "Delete this team's runners (all, or those in --status)." };
        var statuses = new Option<RunnerStatus[]>("--status") { Description = "With --team: only runners in these statuses (repeat)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "With --team: list what would be deleted, delete nothing." };
        var command = new Command("delete", "Delete one runner (by id) or a team's runners (--team), at GitHub and here.") { id, force, team, statuses, dryRun };
        command.Validators.Add(result =>
        {
            var hasId = result.GetValue(id) is not null;
            var hasTeam = result.GetValue(team) is not null;
            if (hasId == hasTeam)
            {
                result.AddError("Give a runner id, or --team for a team's runners (not both).");
            }
        });
        return command.Runs(environment, async (cli, ct) =>
        {
            if (cli.Value(id) is { } runnerId)
            {
                await cli.Client.DeleteRunnerAsync(runnerId, cli.Value(force) ? true : null, ct);
                cli.Output.Done($"Deleted runner {runnerId}.", new { id = runnerId, deleted = true });
                return ExitCodes.Success;
            }

            var teamName = cli.Value(team)!;
            var report = await cli.Output.ProgressAsync($"Deleting the runners of {teamName}...", _ => cli.Client.DeleteTeamRunnersAsync(
                teamName,
                new DeleteTeamRunnersRequest { Statuses = cli.Value(statuses) is { Length: > 0 } s ? s : null, DryRun = cli.Value(dryRun) ? true : null },
                ct));
            if (cli.Output.Json)
            {
                cli.Output.WriteJson(report);
            }
            else
            {
                cli.Output.Table(report.Outcomes,
                    new Column<BulkDeletionOutcome>("Id", o => o.Id.ToString()),
                    new Column<BulkDeletionOutcome>("Name", o => o.Name),
                    new Column<BulkDeletionOutcome>("Status", o => CliJson.Wire(o.Status)),
                    new Column<BulkDeletionOutcome>("Outcome", o => o.Outcome),
                    new Column<BulkDeletionOutcome>("Error", o => o.ErrorCode));
                cli.Output.Raw(report.DryRun
                    ? $"Dry run: {report.Matched} runner(s) would be deleted."
                    : $"{report.Deleted} of {report.Matched} runner(s) deleted.");
            }

            return report.Deleted < report.Matched && !report.DryRun ? ExitCodes.Failed : ExitCodes.Success;
        });
    }
}
