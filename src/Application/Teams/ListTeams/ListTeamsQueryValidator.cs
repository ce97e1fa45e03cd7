using FluentValidation;
using RunnerTokens.Application.Common.Paging;

namespace RunnerTokens.Application.Teams.ListTeams;

internal sealed class ListTeamsQueryValidator : AbstractValidator<ListTeamsQuery>
{
    public ListTeamsQueryValidator() =>
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.Max).When(q => q.Limit is not null);
}
