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

        var memberships = db.TeamMemberships.AsNoTracking().Where(m => m.TeamId == teamId);
        if (query.Cursor is not null)
        {
            if (!KeysetCursor.TryDecode(query.Cursor, out var cursor))
            {
                return KeysetCursor.Invalid;
            }

            memberships = memberships.Where(m => m.AddedAt < cursor.Time || (m.AddedAt == cursor.Time && m.UserId.CompareTo(cursor.Id) < 0));
        }

        var limit = query.Limit ?? PageLimits.Default;
        var rows = await memberships
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { Membership = m, User = u })
            .OrderByDescending(r => r.Membership.AddedAt)
            .ThenByDescending(r => r.Membership.UserId)
            .Take(limit + 1)
            .Select(r => new TeamMemberDto(r.User.Id, r.User.DisplayName, r.User.Email, r.User.IsActive, r.Membership.Role, r.Membership.AddedAt))
            .ToListAsync(cancellationToken);

        var items = rows.Take(limit).ToList();
        var next = rows.Count > limit ? new KeysetCursor(items[^1].AddedAt, items[^1].UserId).Encode() : null;
        return new Page<TeamMemberDto>(items, next);
    }
}
