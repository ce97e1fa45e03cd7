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

        // Ordered by version, not by time: the (time, id) seek of ToKeysetPageAsync does not apply, only its tail.
        var page = await versions.OrderByDescending(p => p.Version)
            .ToPageAsync(query.Limit, p => new KeysetCursor(p.CreatedAt, p.Id), cancellationToken);
        return page.Map(LabelPolicyDto.From);
    }
}
