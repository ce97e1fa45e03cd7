using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Persistence;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.SetTeamMember;

public sealed class SetTeamMemberCommandHandler(IAppDbContext db, ICurrentPrincipal current, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<SetTeamMemberCommand, Result<TeamMemberDto>>
{
    public async ValueTask<Result<TeamMemberDto>> Handle(SetTeamMemberCommand command, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        var found = await db.FindManagedTeamAsync(principal, command.Team, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var team = found.Value;

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        var membership = await db.TeamMemberships.SingleOrDefaultAsync(m => m.TeamId == team.Id && m.UserId == user.Id, cancellationToken);
        if (membership is null && !user.IsActive && !principal.IsAdmin)
        {
            // A maintainer learns only what the member list shows: a deactivated user who is not a member is not
            // there, so it answers exactly like an unknown id (admins, who can read every user, may add one).
            return UserErrors.NotFound;
        }

        if (membership is null)
        {
            membership = TeamMembership.Create(team.Id, user.Id, command.Role, clock.GetUtcNow());
            db.TeamMemberships.Add(membership);
            audit.RecordMembershipChange(TeamAudit.MemberAdded, team, user.Id, before: null, after: new(team, membership));
        }
        else if (membership.Role != command.Role)
        {
            var before = new TeamAudit.MembershipSnapshot(team, membership);
            membership.ChangeRole(command.Role);
            audit.RecordMembershipChange(TeamAudit.MemberRoleChanged, team, user.Id, before, new(team, membership));
        }
        else
        {
            return ToDto(user, membership);
        }

        // Another request may add the same user first: the (team, user) key lets one win.
        var saved = await db.SaveOrConflictAsync(TeamErrors.ConcurrentChange, cancellationToken);
        if (saved.IsFailure)
        {
            return saved.Error;
        }

        return ToDto(user, membership);
    }

    /// <summary>Exactly what the member list (<c>ListTeamMembers</c>) shows of this member, nothing more.</summary>
    private static TeamMemberDto ToDto(User user, TeamMembership membership) =>
        new(user.Id, user.DisplayName, user.Email, user.IsActive, membership.Role, membership.AddedAt);
}
