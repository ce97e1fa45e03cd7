using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.MachineIdentities.DeleteMachineIdentity;

public sealed class DeleteMachineIdentityCommandHandler(ICurrentPrincipal current, IAppDbContext db, IAuditLog audit)
    : ICommandHandler<DeleteMachineIdentityCommand, Result>
{
    public async ValueTask<Result> Handle(DeleteMachineIdentityCommand command, CancellationToken cancellationToken)
    {
        var team = await db.FindManagedTeamAsync(current.Required, command.Team, cancellationToken);
        if (team.IsFailure)
        {
            return team.Error;
        }

        var identity = await db.MachineIdentities
            .FirstOrDefaultAsync(m => m.Id == command.Id && m.TeamId == team.Value.Id, cancellationToken);
        if (identity is null)
        {
            return MachineIdentityErrors.NotFound;
        }

        db.MachineIdentities.Remove(identity);
        audit.Record(new AuditEntry("machine_identity.deleted", "machine_identity", identity.Id.ToString(), AuditOutcome.Succeeded,
            TeamId: identity.TeamId, Details: new { before = MachineIdentityDto.From(identity, team.Value.Name), after = (MachineIdentityDto?)null }));
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
