using System.CommandLine;
using RunnerTokens.Cli.Hosting;
using RunnerTokens.Cli.Output;
using RunnerTokens.Client;

namespace RunnerTokens.Cli.Commands;

/// <summary><c>members list|add|remove</c>: who belongs to a team.</summary>
public static class MembersCommands
{
    public static IEnumerable<Command> Build(CliEnvironment environment)
    {
        var team = () => new Argument<string>("team") { Description = "The team's name." };
        var user = () => new Argument<Guid>("user-id") { Description = "The user's id (runnertokens users list)." };

        var listTeam = team();
        var list = new Command("list", "List a team's members.") { listTeam }.Runs(environment, async (cli, ct) =>
        {
            var members = await cli.Client.ListAllTeamMembersAsync(cli.Value(listTeam), cancellationToken: ct).ToListAsync(ct);
            cli.Output.Table(members,
                new Column<TeamMemberDto>("User id", m => m.UserId.ToString()),
                new Column<TeamMemberDto>("Name", m => m.DisplayName),
                new Column<TeamMemberDto>("Email", m => m.Email),
                new Column<TeamMemberDto>("Role", m => CliJson.Wire(m.Role)),
                new Column<TeamMemberDto>("Active", m => m.UserIsActive ? "yes" : "no"));
            return ExitCodes.Success;
        });

        var addTeam = team();
        var addUser = user();
        var role = new Option<TeamRole>("--role") { Description = "member or maintainer.", DefaultValueFactory = _ => TeamRole.Member };
        var add = new Command("add", "Add a user to a team, or change their role (maintainers).") { addTeam, addUser, role }.Runs(environment, async (cli, ct) =>
        {
            var member = await cli.Client.SetTeamMemberAsync(cli.Value(addTeam), cli.Value(addUser), new SetTeamMemberRequest { Role = cli.Value(role) }, ct);
            cli.Output.Done($"{member.DisplayName} is a {CliJson.Wire(member.Role)} of {cli.Value(addTeam)}.", member);
            return ExitCodes.Success;
        });

        var removeTeam = team();
        var removeUser = user();
        var remove = new Command("remove", "Remove a user from a team (maintainers).") { removeTeam, removeUser }.Runs(environment, async (cli, ct) =>
        {
            await cli.Client.RemoveTeamMemberAsync(cli.Value(removeTeam), cli.Value(removeUser), ct);
            cli.Output.Done($"Removed {cli.Value(removeUser)} from {cli.Value(removeTeam)}.", new { team = cli.Value(removeTeam), userId = cli.Value(removeUser), removed = true });
            return ExitCodes.Success;
        });

        yield return new Command("members", "Team membership.") { list, add, remove };
    }
}
