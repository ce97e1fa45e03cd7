using Mediator;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.UpdateTeam;

public sealed class UpdateTeamCommandHandler(IAppDbContext db, ICurrentPrincipal current, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<UpdateTeamCommand, Result<TeamDto>>
{
    public async ValueTask<Result<TeamDto>> Handle(UpdateTeamCommand command, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        var found = await db.FindManagedTeamAsync(principal, command.Team, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var team = found.Value;

        var before = team.Snapshot();
        var updated = team.UpdateDescription(command.Description, clock.GetUtcNow());
        if (updated.IsFailure)
        {
            return updated.Error;
        }

        var after = team.Snapshot();
        if (after != before)
        {
            audit.RecordTeamChange(TeamAudit.Updated, team, before, after);
            await db.SaveChangesAsync(cancellationToken);
        }

        return TeamDto.From(team, await db.CurrentPolicyVersionAsync(team.Id, cancellationToken));
    }
}
