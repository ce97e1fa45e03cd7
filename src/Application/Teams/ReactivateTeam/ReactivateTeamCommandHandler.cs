using Mediator;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.ReactivateTeam;

public sealed class ReactivateTeamCommandHandler(IAppDbContext db, ICurrentPrincipal current, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<ReactivateTeamCommand, Result<TeamDto>>
{
    public async ValueTask<Result<TeamDto>> Handle(ReactivateTeamCommand command, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        var found = await db.FindTeamForAdminAsync(principal, command.Team, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var team = found.Value;

        var before = team.Snapshot();
        var reactivated = team.Reactivate(clock.GetUtcNow());
        if (reactivated.IsFailure)
        {
            return reactivated.Error;
        }

        audit.RecordTeamChange(TeamAudit.Reactivated, team, before, team.Snapshot());
        await db.SaveChangesAsync(cancellationToken);
        return TeamDto.From(team, await db.CurrentPolicyVersionAsync(team.Id, cancellationToken));
    }
}
