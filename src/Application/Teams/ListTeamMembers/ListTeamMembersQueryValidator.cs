using FluentValidation;
using RunnerTokens.Application.Common.Paging;

namespace RunnerTokens.Application.Teams.ListTeamMembers;

internal sealed class ListTeamMembersQueryValidator : AbstractValidator<ListTeamMembersQuery>
{
    public ListTeamMembersQueryValidator() =>
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.Max).When(q => q.Limit is not null);
}
