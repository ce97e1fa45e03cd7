using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Users;
using RunnerTokens.Application.Users.CreateUser;
using RunnerTokens.Application.Users.UpdateUser;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Api.Commands;

/// <summary>
/// <c>create-admin --email ADDRESS | --sub ISSUER|SUBJECT [--name DISPLAY]</c>: registers the person as an
/// administrator (<see cref="CreateUserCommand"/>), or promotes and reactivates the user who already has that
/// identity or email (<see cref="UpdateUserCommand"/>). Both use cases audit the change. Running it again is a no-op.
/// </summary>
public sealed class CreateAdminCommand : AdminCommand
{
    private CreateAdminCommand(string? email, string? issuer, string? subject, string? displayName)
    {
        Email = email;
        Issuer = issuer;
        Subject = subject;
        DisplayName = displayName;
    }

    public override string Name => "create-admin";

    public string? Email { get; }

    public string? Issuer { get; }

    public string? Subject { get; }

    public string? DisplayName { get; }

    public static CreateAdminCommand From(CommandOptions options)
    {
        var email = options.Text("email");
        var sub = options.Text("sub");
        var name = options.Text("name");
        options.RejectUnknown();
        if (email is null && sub is null)
        {
            throw new FormatException("create-admin needs --email ADDRESS or --sub ISSUER|SUBJECT");
        }

        string? issuer = null, subject = null;
        if (sub is not null)
        {
            // The subject may itself contain '|' (Auth0: "auth0|123"); issuer URLs do not.
            var bar = sub.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0 || bar == sub.Length - 1)
            {
                throw new FormatException("--sub takes ISSUER|SUBJECT, e.g. 'https://login.example.com/|alice'");
            }

            (issuer, subject) = (sub[..bar].Trim(), sub[(bar + 1)..].Trim());
        }

        return new CreateAdminCommand(email, issuer, subject, name);
    }

    protected override Task<int> ExecuteAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        OperatorScope.RunAsync(services, Name, async scoped =>
        {
            var sender = scoped.GetRequiredService<ISender>();
            var existing = await FindAsync(scoped.GetRequiredService<IAppDbContext>(), cancellationToken);
            if (existing is null)
            {
                var created = await sender.Send(new CreateUserCommand(Issuer, Subject, Email, DisplayName, IsAdmin: true), cancellationToken);
                return await ReportAsync(created, "Created administrator", output, error);
            }

            if (existing is { IsAdmin: true, IsActive: true })
            {
                await output.WriteLineAsync($"Already an administrator: {Describe(existing)}");
                return Succeeded;
            }

            var promoted = await sender.Send(new UpdateUserCommand(existing.Id, DisplayName, IsAdmin: true, IsActive: true), cancellationToken);
            return await ReportAsync(promoted, "Promoted to administrator", output, error);
        });

    /// <summary>The user with this identity (issuer compared with and without its trailing slash), else with this email.</summary>
    private async Task<UserDto?> FindAsync(IAppDbContext db, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (Issuer is not null)
        {
            var bare = Issuer.TrimEnd('/');
            var slashed = bare + "/";
            var byIdentity = await users
                .Where(u => (u.Issuer == bare || u.Issuer == slashed) && u.Subject == Subject)
                .Select(UserDto.Projection)
                .FirstOrDefaultAsync(cancellationToken);
            if (byIdentity is not null)
            {
                return byIdentity;
            }
        }

        var email = User.NormalizeEmail(Email);
        return email is null
            ? null
            : await users.Where(u => u.Email == email).Select(UserDto.Projection).FirstOrDefaultAsync(cancellationToken);
    }

    private static async Task<int> ReportAsync(Result<UserDto> outcome, string done, TextWriter output, TextWriter error)
    {
        if (outcome.IsFailure)
        {
            return await RefusedAsync(error, outcome.Error!);
        }

        await output.WriteLineAsync($"{done}: {Describe(outcome.Value)}");
        return Succeeded;
    }

    private static string Describe(UserDto user)
    {
        var identity = user.Issuer is null ? "bound at first sign-in" : $"{user.Issuer}|{user.Subject}";
        return $"{user.Id} {user.Email ?? user.DisplayName} ({identity})";
    }
}
