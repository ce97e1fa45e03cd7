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

        var teams = db.Teams.AsNoTracking();
        if (!principal.IsAdmin)
        {
            var visible = principal.Teams.Select(t => t.TeamId).ToList();
            teams = teams.Where(t => visible.Contains(t.Id));
        }

        var page = await teams
            .Select(t => new { Team = t, Version = db.LabelPolicies.Where(p => p.TeamId == t.Id).Max(p => (int?)p.Version) ?? 0 })
            .ToKeysetPageAsync(query.Cursor, query.Limit, r => r.Team.CreatedAt, r => r.Team.Id, cancellationToken);
        return page.IsFailure ? page.Error : page.Value.Map(r => TeamDto.From(r.Team, r.Version));
    }
}
