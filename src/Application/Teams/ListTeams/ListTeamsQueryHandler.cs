using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.ListTeams;

public sealed class ListTeamsQueryHandler(IAppDbContext db, ICurrentPrincipal current)
    : IQueryHandler<ListTeamsQuery, Result<Page<TeamDto>>>
{
    public async ValueTask<Result<Page<TeamDto>>> Handle(ListTeamsQuery query, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        KeysetCursor? after = null;
        if (query.Cursor is not null)
        {
            if (!KeysetCursor.TryDecode(query.Cursor, out var decoded))
            {
                return KeysetCursor.Invalid;
            }

            after = decoded;
        }

        var teams = db.Teams.AsNoTracking();
        if (!principal.IsAdmin)
        {
            var visible = principal.Teams.Select(t => t.TeamId).ToList();
            teams = teams.Where(t => visible.Contains(t.Id));
        }

        if (after is { } cursor)
        {
            teams = teams.Where(t => t.CreatedAt < cursor.Time || (t.CreatedAt == cursor.Time && t.Id.CompareTo(cursor.Id) < 0));
        }

        var limit = query.Limit ?? PageLimits.Default;
        var rows = await teams
            .OrderByDescending(t => t.CreatedAt)
            .ThenByDescending(t => t.Id)
            .Take(limit + 1)
            .Select(t => new { Team = t, Version = db.LabelPolicies.Where(p => p.TeamId == t.Id).Max(p => (int?)p.Version) ?? 0 })
            .ToListAsync(cancellationToken);

        var items = rows.Take(limit).Select(r => TeamDto.From(r.Team, r.Version)).ToList();
        var next = rows.Count > limit ? new KeysetCursor(items[^1].CreatedAt, items[^1].Id).Encode() : null;
        return new Page<TeamDto>(items, next);
    }
}
