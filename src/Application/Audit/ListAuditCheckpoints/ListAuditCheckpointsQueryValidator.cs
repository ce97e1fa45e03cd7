using FluentValidation;
using RunnerTokens.Application.Common.Paging;

namespace RunnerTokens.Application.Audit.ListAuditCheckpoints;

public sealed class ListAuditCheckpointsQueryValidator : AbstractValidator<ListAuditCheckpointsQuery>
{
    public ListAuditCheckpointsQueryValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.Max);
}
