using System.CommandLine;
using RunnerTokens.Cli.Hosting;
using RunnerTokens.Cli.Output;
using RunnerTokens.Client;

namespace RunnerTokens.Cli.Commands;

/// <summary><c>machine-identities list|create|delete</c>: the pipelines and services that act for a team.</summary>
public static class MachineIdentitiesCommands
{
    public static IEnumerable<Command> Build(CliEnvironment environment)
    {
        var team = () => new Argument<string>("team") { Description = "The team's name." };

        var listTeam = team();
        var list = new Command("list", "List a team's machine identities.") { listTeam }.Runs(environment, async (cli, ct) =>
        {
            var identities = await cli.Client.ListMachineIdentitiesAsync(cli.Value(listTeam), ct);
            cli.Output.Table(identities,
                new Column<MachineIdentityDto>("Id", m => m.Id.ToString()),
                new Column<MachineIdentityDto>("Name", m => m.Name),
                new Column<MachineIdentityDto>("Issuer", m => m.Issuer),
                new Column<MachineIdentityDto>("Subject", m => m.Subject),
                new Column<MachineIdentityDto>("Conditions", m => m.ClaimConditions.Count == 0 ? "-" : string.Join(",", m.ClaimConditions.Select(c => $"{c.Key}={c.Value}"))),
                new Column<MachineIdentityDto>("Active", m => m.IsActive ? "yes" : "no"));
            return ExitCodes.Success;
        });

        var createTeam = team();
        var name = new Option<string>("--name") { Description = "A name unique in the team.", Required = true };
        var issuer = new Option<string>("--issuer") { Description = "The token issuer (one the service trusts for machines).", Required = true };
        var subject = new Option<string>("--subject") { Description = "The token's sub claim (for GitHub Actions: repo:ORG/REPO:ref:refs/heads/main ...).", Required = true };
        var conditions = new Option<string[]>("--condition") { Description = "A claim that must match, CLAIM=VALUE (repeat)." };
        var description = new Option<string?>("--description") { Description = "What it is." };
        var singleUse = new Option<bool>("--single-use-tokens") { Description = "Accept each token once only." };
        var create = new Command("create", "Let tokens of this issuer and subject act for the team (maintainers).")
        {
            createTeam, name, issuer, subject, conditions, description, singleUse,
        }.Runs(environment, async (cli, ct) =>
        {
            var claims = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var condition in cli.Value(conditions) ?? [])
            {
                var equals = condition.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new CliUsageException($"--condition takes CLAIM=VALUE, not '{condition}'.");
                }

                claims[condition[..equals]] = condition[(equals + 1)..];
            }

            var identity = await cli.Client.CreateMachineIdentityAsync(cli.Value(createTeam), new CreateMachineIdentityRequest
            {
                Name = cli.Value(name),
                Issuer = cli.Value(issuer),
                Subject = cli.Value(subject),
                ClaimConditions = claims.Count == 0 ? null : claims,
                Description = cli.Value(description),
                SingleUseTokens = cli.Value(singleUse) ? true : null,
            }, ct);
            cli.Output.Done($"Created machine identity {identity.Name} ({identity.Id}) for {identity.Team}.", identity);
            return ExitCodes.Success;
        });

        var deleteTeam = team();
        var id = new Argument<Guid>("id") { Description = "The machine identity's id." };
        var delete = new Command("delete", "Delete a machine identity (maintainers).") { deleteTeam, id }.Runs(environment, async (cli, ct) =>
        {
            await cli.Client.DeleteMachineIdentityAsync(cli.Value(deleteTeam), cli.Value(id), ct);
            cli.Output.Done($"Deleted machine identity {cli.Value(id)}.", new { id = cli.Value(id), deleted = true });
            return ExitCodes.Success;
        });

        yield return new Command("machine-identities", "Machine identities (pipelines, services) of a team.") { list, create, delete };
    }
}
