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

        (Guid Id, string Name)? onlyTeam = null;
        if (!string.IsNullOrWhiteSpace(query.Team))
        {
            var team = await FindTeamAsync(principal, query.Team, cancellationToken);
            if (team.IsFailure)
            {
                return team.Error;
            }

            if (query is { Status: null, Kind: null } && string.IsNullOrEmpty(query.Name) && db is DbContext context)
            {
                return await LiveOfTeamAsync(context, team.Value, query, cancellationToken);
            }

            onlyTeam = team.Value;
        }

        // Only off the compiled path: AsNoTracking makes a generic method by reflection on every call.
        var runners = db.Runners.AsNoTracking();
        if (onlyTeam is { Id: var teamId })
        {
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

        // Straight to the DTOs in the query: no entity, only the columns shown. The team's name is known when
        // listing one team, otherwise read in the same statement.
        var projection = onlyTeam is { } known
            ? RunnerQueries.Projection(r => known.Name)
            : RunnerQueries.Projection(r => db.Teams.Where(t => t.Id == r.TeamId).Select(t => t.Name).FirstOrDefault() ?? string.Empty);
        return await runners.ToKeysetPageAsync(
            query.Cursor, query.Limit, r => r.CreatedAt, r => r.Id, projection, CursorOf, cancellationToken);
    }

    private static KeysetCursor CursorOf(RunnerDto runner) => new(runner.CreatedAt, runner.Id);

    /// <summary>
    /// One team's live runners, no other filter (what clients and the dashboard ask for all the time): a compiled
    /// query, the same rows in the same order as the general path.
    /// </summary>
    private static async Task<Result<Page<RunnerDto>>> LiveOfTeamAsync(
        DbContext context, (Guid Id, string Name) team, ListRunnersQuery query, CancellationToken cancellationToken)
    {
        var take = PageLimits.SizeOf(query.Limit) + 1;
        IAsyncEnumerable<RunnerDto> rows;
        if (query.Cursor is null)
        {
            rows = RunnerQueries.LiveOfTeam(context, team.Id, team.Name, take);
        }
        else if (KeysetCursor.TryDecode(query.Cursor, out var after))
        {
            rows = RunnerQueries.LiveOfTeamAfter(context, team.Id, team.Name, after.Time, after.Id, take);
        }
        else
        {
            return KeysetCursor.Invalid;
        }

        return await rows.ToPageAsync(query.Limit, CursorOf, cancellationToken);
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
