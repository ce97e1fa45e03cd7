using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Identity;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Users.UpdateUser;

public sealed class UpdateUserCommandHandler(IAppDbContext db, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<UpdateUserCommand, Result<UserDto>>
{
    public async ValueTask<Result<UserDto>> Handle(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.Id, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        var now = clock.GetUtcNow();
        var before = UserSnapshot.Of(user);

        if (command.DisplayName is { } displayName && displayName.Trim() != user.DisplayName)
        {
            user.Rename(displayName, now);
        }

        var stepsDown = (command.IsAdmin == false && user.IsAdmin) || (command.IsActive == false && user.IsActive);
        var otherActiveAdmins = stepsDown
            ? await db.Users.CountAsync(u => u.IsAdmin && u.IsActive && u.Id != user.Id, cancellationToken)
            : 0;

        if (command.IsAdmin is { } isAdmin && isAdmin != user.IsAdmin)
        {
            var changed = isAdmin ? Result.Success() : user.RevokeAdmin(otherActiveAdmins, now);
            if (isAdmin)
            {
                user.GrantAdmin(now);
            }

            if (changed.IsFailure)
            {
                return changed.Error;
            }
        }

        if (command.IsActive is { } isActive && isActive != user.IsActive)
        {
            var changed = isActive ? Result.Success() : user.Deactivate(otherActiveAdmins, now);
            if (isActive)
            {
                user.Activate(now);
            }

            if (changed.IsFailure)
            {
                return changed.Error;
            }
        }

        var after = UserSnapshot.Of(user);
        if (after == before)
        {
            return UserDto.From(user);
        }

        audit.Record(new AuditEntry("user.updated", "user", user.Id.ToString(), AuditOutcome.Succeeded,
            Details: new { before, after }));
        await db.SaveChangesAsync(cancellationToken);
        return UserDto.From(user);
    }
}
