using FluentValidation;
using RunnerTokens.Application.Common.Paging;

namespace RunnerTokens.Application.Audit.Listing;

/// <summary>Shape rules shared by the event listings; each listing's validator adds its own filters.</summary>
public abstract class EventListingQueryValidator<TQuery> : AbstractValidator<TQuery>
    where TQuery : IEventListingQuery
{
    protected EventListingQueryValidator()
    {
        RuleFor(q => q.ActorId).MaximumLength(200);
        RuleFor(q => q.Team).MaximumLength(63);
        RuleFor(q => q.From)
            .LessThanOrEqualTo(q => q.To)
            .When(q => q.From is not null && q.To is not null)
            .WithMessage("'from' must not be later than 'to'.");
        RuleFor(q => q.Cursor)
            .Must(c => KeysetCursor.TryDecode(c, out _))
            .When(q => q.Cursor is not null)
            .WithErrorCode(KeysetCursor.Invalid.Code)
            .WithMessage(KeysetCursor.Invalid.Message);
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.Max);
    }
}
