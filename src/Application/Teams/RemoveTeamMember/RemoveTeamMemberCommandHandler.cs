using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.RemoveTeamMember;

public sealed class RemoveTeamMemberCommandHandler(IAppDbContext db, ICurrentPrincipal current, IAuditLog audit)
    : ICommandHandler<RemoveTeamMemberCommand, Result>
{
    public async ValueTask<Result> Handle(RemoveTeamMemberCommand command, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        var found = await db.FindManagedTeamAsync(principal, command.Team, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var team = found.Value;

        var membership = await db.TeamMemberships.SingleOrDefaultAsync(m => m.TeamId == team.Id && m.UserId == command.UserId, cancellationToken);
        if (membership is null)
        {
            return TeamErrors.MemberNotFound;
        }

        db.TeamMemberships.Remove(membership);
        audit.RecordMembershipChange(TeamAudit.MemberRemoved, team, command.UserId, new TeamAudit.MembershipSnapshot(team, membership), after: null);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
