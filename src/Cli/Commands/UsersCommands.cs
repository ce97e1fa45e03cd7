using System.CommandLine;
using RunnerTokens.Cli.Hosting;
using RunnerTokens.Cli.Output;
using RunnerTokens.Client;

namespace RunnerTokens.Cli.Commands;

/// <summary><c>users list|create|promote|deactivate</c> (administrators).</summary>
public static class UsersCommands
{
    private static readonly Column<UserDto>[] Columns =
    [
        new("Id", u => u.Id.ToString()),
        new("Name", u => u.DisplayName),
        new("Email", u => u.Email),
        new("Identity", u => u.Issuer is null ? "(bound at first sign-in)" : $"{u.Issuer}|{u.Subject}"),
        new("Admin", u => u.IsAdmin ? "yes" : "no"),
        new("Active", u => u.IsActive ? "yes" : "no"),
        new("Last seen", u => Renderer.Time(u.LastSeenAt)),
    ];

    public static IEnumerable<Command> Build(CliEnvironment environment)
    {
        var text = new Option<string?>("--text") { Description = "Name or email contains this." };
        var admins = new Option<bool?>("--admin") { Description = "true: administrators only; false: the others." };
        var active = new Option<bool?>("--active") { Description = "true: active users only; false: deactivated only." };
        var list = new Command("list", "List users.") { text, admins, active }.Runs(environment, async (cli, ct) =>
        {
            var users = await cli.Client.ListAllUsersAsync(cli.Value(text), cli.Value(active), cli.Value(admins), cancellationToken: ct).ToListAsync(ct);
            cli.Output.Table(users, Columns);
            return ExitCodes.Success;
        });

        var email = new Option<string?>("--email") { Description = "The person's email (bound to their identity at first sign-in)." };
        var issuer = new Option<string?>("--issuer") { Description = "With --subject: the person's identity at a trusted issuer." };
        var subject = new Option<string?>("--subject") { Description = "With --issuer: the token's sub claim." };
        var name = new Option<string?>("--name") { Description = "Display name." };
        var admin = new Option<bool>("--admin") { Description = "Make them an administrator." };
        var create = new Command("create", "Register a person before their first sign-in.") { email, issuer, subject, name, admin }.Runs(environment, async (cli, ct) =>
        {
            var user = await cli.Client.CreateUserAsync(new CreateUserRequest
            {
                Email = cli.Value(email),
                Issuer = cli.Value(issuer),
                Subject = cli.Value(subject),
                DisplayName = cli.Value(name),
                IsAdmin = cli.Value(admin) ? true : null,
            }, ct);
            cli.Output.Done($"Created user {user.DisplayName} ({user.Id}){(user.IsAdmin ? " as an administrator" : "")}.", user);
            return ExitCodes.Success;
        });

        yield return new Command("users", "People who use the service (administrators).")
        {
            list,
            create,
            Update(environment, "promote", "Make a user an administrator.", new UpdateUserRequest { IsAdmin = true }, "is now an administrator"),
            Update(environment, "deactivate", "Deactivate a user: their tokens are refused from now on.", new UpdateUserRequest { IsActive = false }, "is deactivated"),
        };
    }

    private static Command Update(CliEnvironment environment, string name, string description, UpdateUserRequest change, string done)
    {
        var id = new Argument<Guid>("user-id") { Description = "The user's id." };
        return new Command(name, description) { id }.Runs(environment, async (cli, ct) =>
        {
            var user = await cli.Client.UpdateUserAsync(cli.Value(id), change, ct);
            cli.Output.Done($"{user.DisplayName} ({user.Id}) {done}.", user);
            return ExitCodes.Success;
        });
    }
}
