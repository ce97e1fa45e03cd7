using System.CommandLine;
using RunnerTokens.Cli.Hosting;
using RunnerTokens.Cli.Output;
using RunnerTokens.Client;

namespace RunnerTokens.Cli.Commands;

/// <summary><c>teams list|create|show</c>.</summary>
public static class TeamsCommands
{
    public static IEnumerable<Command> Build(CliEnvironment environment)
    {
        yield return new Command("teams", "List, create and show teams.")
        {
            List(environment),
            Create(environment),
            Show(environment),
        };
    }

    private static Command List(CliEnvironment environment)
    {
        var command = new Command("list", "List the teams you can see.");
        return command.Runs(environment, async (cli, ct) =>
        {
            var teams = await cli.Client.ListAllTeamsAsync(cancellationToken: ct).ToListAsync(ct);
            cli.Output.Table(teams,
                new Column<TeamDto>("Name", t => t.Name),
                new Column<TeamDto>("Organization", t => t.Organization),
                new Column<TeamDto>("Active", t => t.IsActive ? "yes" : "no"),
                new Column<TeamDto>("Policy", t => $"v{t.PolicyVersion}"),
                new Column<TeamDto>("Description", t => t.Description));
            return ExitCodes.Success;
        });
    }

    private static Command Create(CliEnvironment environment)
    {
        var name = new Argument<string>("name") { Description = "The team's name (lowercase letters, digits, dashes)." };
        var organization = new Option<string>("--organization", "--org") { Description = "The GitHub organization its runners join.", Required = true };
        var description = new Option<string?>("--description") { Description = "What the team is." };
        var command = new Command("create", "Create a team (administrators), with the default label policy.") { name, organization, description };
        return command.Runs(environment, async (cli, ct) =>
        {
            var team = await cli.Client.CreateTeamAsync(
                new CreateTeamRequest { Name = cli.Value(name), Organization = cli.Value(organization)!, Description = cli.Value(description) }, ct);
            cli.Output.Done($"Created team {team.Name} in {team.Organization} (policy v{team.PolicyVersion}).", team);
            return ExitCodes.Success;
        });
    }

    private static Command Show(CliEnvironment environment)
    {
        var name = new Argument<string>("team") { Description = "The team's name." };
        var command = new Command("show", "Show a team and its current label policy.") { name };
        return command.Runs(environment, async (cli, ct) =>
        {
            var team = await cli.Client.GetTeamAsync(cli.Value(name), ct);
            var policy = await cli.Client.GetTeamPolicyAsync(team.Name, ct);
            cli.Output.Fields(new { team, policy },
                [
                    ("Name", team.Name),
                    ("Organization", team.Organization),
                    ("Description", team.Description),
                    ("Active", team.IsActive ? "yes" : $"no ({team.DeactivationReason})"),
                    ("Created", Renderer.Time(team.CreatedAt)),
                    .. PolicyCommands.PolicyFields(policy),
                ]);
            return ExitCodes.Success;
        });
    }
}
