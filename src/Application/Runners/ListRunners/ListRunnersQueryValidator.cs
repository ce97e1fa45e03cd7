using FluentValidation;
using RunnerTokens.Application.Common.Paging;

namespace RunnerTokens.Application.Runners.ListRunners;

public sealed class ListRunnersQueryValidator : AbstractValidator<ListRunnersQuery>
{
    public ListRunnersQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.Max).When(q => q.Limit is not null);
        RuleFor(q => q.Cursor)
            .Must(c => KeysetCursor.TryDecode(c, out _))
            .When(q => q.Cursor is not null)
            .WithErrorCode(KeysetCursor.Invalid.Code)
            .WithMessage(KeysetCursor.Invalid.Message);
        RuleFor(q => q.Name).MaximumLength(64);
        RuleFor(q => q.Team).MaximumLength(63);
    }
}
