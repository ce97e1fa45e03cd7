using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Sync.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Sync.GetSyncStatus;

public sealed class GetSyncStatusQueryHandler(IAppDbContext db)
    : IQueryHandler<GetSyncStatusQuery, Result<IReadOnlyList<SyncRunDto>>>
{
    public async ValueTask<Result<IReadOnlyList<SyncRunDto>>> Handle(GetSyncStatusQuery query, CancellationToken cancellationToken)
    {
        var statuses = await db.OrganizationSyncStatuses.AsNoTracking()
            .OrderBy(s => s.Organization)
            .Select(s => new SyncRunDto(
                s.Organization, s.StartedAt, s.DurationMilliseconds, s.RunnersAtGitHub, s.Changes, s.Errors, s.LastError, s.RateLimitRemaining, s.Yielded, false))
            .ToListAsync(cancellationToken);
        return Result<IReadOnlyList<SyncRunDto>>.Success(statuses);
    }
}
