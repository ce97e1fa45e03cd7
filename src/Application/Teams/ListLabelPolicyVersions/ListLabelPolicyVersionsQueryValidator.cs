using FluentValidation;
using RunnerTokens.Application.Common.Paging;

namespace RunnerTokens.Application.Teams.ListLabelPolicyVersions;

internal sealed class ListLabelPolicyVersionsQueryValidator : AbstractValidator<ListLabelPolicyVersionsQuery>
{
    public ListLabelPolicyVersionsQueryValidator() =>
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.Max).When(q => q.Limit is not null);
}
