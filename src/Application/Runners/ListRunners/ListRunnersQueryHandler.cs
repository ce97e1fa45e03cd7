using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Runners.ListRunners;

/// <summary>Newest first, keyset-paged. Callers see their teams' runners; admins see all.</summary>
public sealed class ListRunnersQueryHandler(IAppDbContext db, ICurrentPrincipal current)
    : IQueryHandler<ListRunnersQuery, Result<Page<RunnerDto>>>
{
    public async ValueTask<Result<Page<RunnerDto>>> Handle(ListRunnersQuery query, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        var runners = db.Runners.AsNoTracking();
        (Guid Id, string Name)? onlyTeam = null;
        if (!string.IsNullOrWhiteSpace(query.Team))
        {
            var team = await FindTeamAsync(principal, query.Team, cancellationToken);
            if (team.IsFailure)
            {
                return team.Error;
            }

            var teamId = team.Value.Id;
            onlyTeam = team.Value;
            runners = runners.Where(r => r.TeamId == teamId);
        }
        else if (!principal.IsAdmin)
        {
            var visibleTeamIds = principal.Teams.Select(t => t.TeamId).ToList();
            runners = runners.Where(r => visibleTeamIds.Contains(r.TeamId));
        }

        runners = query.Status is { } status
            ? runners.Where(r => r.Status == status)
            : runners.Where(r => r.Status != RunnerStatus.Deleted);
        if (query.Kind is { } kind)
        {
            runners = runners.Where(r => r.Kind == kind);
        }

        if (!string.IsNullOrEmpty(query.Name))
        {
            runners = runners.Where(r => r.Name.StartsWith(query.Name));
        }

        var page = await runners.ToKeysetPageAsync(query.Cursor, query.Limit, r => r.CreatedAt, r => r.Id, cancellationToken);
        if (page.IsFailure)
        {
            return page.Error;
        }

        if (onlyTeam is { } known)
        {
            // Filtered by one team: its name is already known, no second lookup.
            return page.Value.Map(r => RunnerDto.From(r, known.Name));
        }

        var teamIds = page.Value.Items.Select(r => r.TeamId).Distinct().ToList();
        var teamNames = await db.Teams.AsNoTracking()
            .Where(t => teamIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Name })
            .ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        return page.Value.Map(r => RunnerDto.From(r, teamNames.GetValueOrDefault(r.TeamId, string.Empty)));
    }

    /// <summary>
    /// A team the caller belongs to is already in the resolved principal (id and name, as fresh as the principal
    /// itself): no query. Anyone else (an admin looking at another team, or a name that is not theirs) is looked up.
    /// </summary>
    private async Task<Result<(Guid Id, string Name)>> FindTeamAsync(CallerPrincipal principal, string teamName, CancellationToken cancellationToken)
    {
        if (principal.AccessTo(TeamNames.Normalize(teamName)) is { } access)
        {
            return (access.TeamId, access.TeamName);
        }

        var team = await db.FindVisibleTeamAsync(principal, teamName, cancellationToken);
        return team.IsFailure ? team.Error : (team.Value.Id, team.Value.Name);
    }
}
