using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Identity;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Users.UpdateUser;

/// <summary>
/// A change that can take away an active admin (demote, deactivate) runs under the <see cref="IAdminRosterLock"/>:
/// the count of the other active admins and the change are one step, so concurrent demotions cannot leave none.
/// </summary>
public sealed class UpdateUserCommandHandler(IAppDbContext db, IAdminRosterLock rosterLock, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<UpdateUserCommand, Result<UserDto>>
{
    public async ValueTask<Result<UserDto>> Handle(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        var stepsDown = command.IsAdmin == false || command.IsActive == false;
        return stepsDown
            ? await rosterLock.RunExclusiveAsync(ct => UpdateAsync(command, ct), cancellationToken)
            : await UpdateAsync(command, cancellationToken);
    }

    private async Task<Result<UserDto>> UpdateAsync(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        // Loaded here, inside the lock (and afresh if the database's retry strategy runs this again).
        db.DiscardPendingChanges();
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
