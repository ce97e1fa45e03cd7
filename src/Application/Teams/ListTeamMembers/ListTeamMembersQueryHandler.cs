using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.ListTeamMembers;

public sealed class ListTeamMembersQueryHandler(IAppDbContext db, ICurrentPrincipal current)
    : IQueryHandler<ListTeamMembersQuery, Result<Page<TeamMemberDto>>>
{
    public async ValueTask<Result<Page<TeamMemberDto>>> Handle(ListTeamMembersQuery query, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        var found = await db.FindVisibleTeamAsync(principal, query.Team, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var teamId = found.Value.Id;
        if (!principal.IsAdmin && principal.AccessTo(teamId)?.Level is not (TeamAccessLevel.Member or TeamAccessLevel.Maintainer))
        {
            return AccessErrors.TeamRoleRequired;
        }

        var page = await db.TeamMemberships.AsNoTracking()
            .Where(m => m.TeamId == teamId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { Membership = m, User = u })
            .ToKeysetPageAsync(query.Cursor, query.Limit, r => r.Membership.AddedAt, r => r.Membership.UserId, cancellationToken);
        return page.IsFailure
            ? page.Error
            : page.Value.Map(r => new TeamMemberDto(r.User.Id, r.User.DisplayName, r.User.Email, r.User.IsActive, r.Membership.Role, r.Membership.AddedAt));
    }
}
