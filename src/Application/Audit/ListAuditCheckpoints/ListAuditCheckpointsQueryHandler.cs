using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Audit.ListAuditCheckpoints;

public sealed class ListAuditCheckpointsQueryHandler(IAppDbContext db, AuditChainKeyRing keys)
    : IQueryHandler<ListAuditCheckpointsQuery, Result<IReadOnlyList<AuditCheckpointDto>>>
{
    public async ValueTask<Result<IReadOnlyList<AuditCheckpointDto>>> Handle(ListAuditCheckpointsQuery query, CancellationToken cancellationToken)
    {
        var checkpoints = await db.AuditCheckpoints.AsNoTracking()
            .OrderByDescending(c => c.Sequence)
            .ThenByDescending(c => c.CreatedAt)
            .Take(query.Limit ?? PageLimits.Default)
            .ToListAsync(cancellationToken);
        return checkpoints
            .Select(c => new AuditCheckpointDto(c.Sequence, c.HeadHash, c.CreatedAt, c.KeyId, c.Mac, c.IsAuthentic(keys)))
            .ToList();
    }
}
