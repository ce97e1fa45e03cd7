using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Persistence;
using RunnerTokens.Application.Identity;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Users.CreateUser;

public sealed class CreateUserCommandHandler(
    IAppDbContext db,
    IAuditLog audit,
    IOptions<PrincipalOptions> options,
    TimeProvider clock) : ICommandHandler<CreateUserCommand, Result<UserDto>>
{
    public static readonly Error IssuerNotTrusted =
        Error.Validation("user.issuer_not_trusted", "The issuer is not one of the issuers this service trusts.");

    public async ValueTask<Result<UserDto>> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        var hasIssuer = !string.IsNullOrWhiteSpace(command.Issuer);
        if (hasIssuer && !options.Value.IsTrustedIssuer(command.Issuer))
        {
            return IssuerNotTrusted;
        }

        // An issuer without a subject names the one issuer whose verified email may bind this email pre-registration.
        var now = clock.GetUtcNow();
        var registered = hasIssuer && string.IsNullOrWhiteSpace(command.Subject)
            ? User.PreRegisterByEmail(command.Email, command.Issuer, command.DisplayName, now)
            : User.Register(
                hasIssuer ? command.Issuer!.Trim() : null,
                hasIssuer ? command.Subject : null,
                command.Email,
                command.DisplayName,
                now);
        if (registered.IsFailure)
        {
            return registered.Error;
        }

        var user = registered.Value;
        var (bareIssuer, slashedIssuer) = user.Issuer is null ? (null, null) : IssuerIdentifier.Spellings(user.Issuer);
        var duplicate = await db.Users.AnyAsync(
            u => (bareIssuer != null && (u.Issuer == bareIssuer || u.Issuer == slashedIssuer) && u.Subject == user.Subject)
                 || (user.Email != null && u.Email == user.Email),
            cancellationToken);
        if (duplicate)
        {
            return UserErrors.Duplicate;
        }

        if (command.IsAdmin)
        {
            user.GrantAdmin(now);
        }

        db.Users.Add(user);
        audit.Record(new AuditEntry("user.created", "user", user.Id.ToString(), AuditOutcome.Succeeded,
            Details: new { before = (UserSnapshot?)null, after = UserSnapshot.Of(user) }));
        // A concurrent request may register the same identity or email first (unique indexes).
        var saved = await db.SaveOrConflictAsync(UserErrors.Duplicate, cancellationToken);
        if (saved.IsFailure)
        {
            return saved.Error;
        }

        return UserDto.From(user);
    }
}
