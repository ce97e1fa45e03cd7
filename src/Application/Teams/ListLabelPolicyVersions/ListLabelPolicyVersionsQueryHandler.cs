using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.ListLabelPolicyVersions;

public sealed class ListLabelPolicyVersionsQueryHandler(IAppDbContext db, ICurrentPrincipal current)
    : IQueryHandler<ListLabelPolicyVersionsQuery, Result<Page<LabelPolicyDto>>>
{
    public async ValueTask<Result<Page<LabelPolicyDto>>> Handle(ListLabelPolicyVersionsQuery query, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        var found = await db.FindVisibleTeamAsync(principal, query.Team, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var teamId = found.Value.Id;
        var versions = db.LabelPolicies.AsNoTracking().Where(p => p.TeamId == teamId);

        // The cursor names the last version of the previous page (by id); the next page starts below it.
        if (query.Cursor is not null)
        {
            if (!KeysetCursor.TryDecode(query.Cursor, out var cursor))
            {
                return KeysetCursor.Invalid;
            }

            var below = await versions.Where(p => p.Id == cursor.Id).Select(p => (int?)p.Version).SingleOrDefaultAsync(cancellationToken);
            if (below is null)
            {
                return KeysetCursor.Invalid;
            }

            versions = versions.Where(p => p.Version < below.Value);
        }

        var limit = query.Limit ?? PageLimits.Default;
        var rows = await versions.OrderByDescending(p => p.Version).Take(limit + 1).ToListAsync(cancellationToken);
        var items = rows.Take(limit).Select(LabelPolicyDto.From).ToList();
        var next = rows.Count > limit ? new KeysetCursor(items[^1].CreatedAt, items[^1].Id).Encode() : null;
        return new Page<LabelPolicyDto>(items, next);
    }
}
