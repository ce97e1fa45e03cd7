using Mediator;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.DeactivateTeam;

public sealed class DeactivateTeamCommandHandler(IAppDbContext db, ICurrentPrincipal current, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<DeactivateTeamCommand, Result<TeamDto>>
{
    public async ValueTask<Result<TeamDto>> Handle(DeactivateTeamCommand command, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        var found = await db.FindTeamForAdminAsync(principal, command.Team, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var team = found.Value;

        var before = team.Snapshot();
        var deactivated = team.Deactivate(command.Reason, principal.ToAuditActor().Id, clock.GetUtcNow());
        if (deactivated.IsFailure)
        {
            return deactivated.Error;
        }

        audit.RecordTeamChange(TeamAudit.Deactivated, team, before, team.Snapshot());
        await db.SaveChangesAsync(cancellationToken);
        return TeamDto.From(team, await db.CurrentPolicyVersionAsync(team.Id, cancellationToken));
    }
}
