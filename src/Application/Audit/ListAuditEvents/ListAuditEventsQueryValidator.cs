using FluentValidation;
using RunnerTokens.Application.Common.Paging;

namespace RunnerTokens.Application.Audit.ListAuditEvents;

public sealed class ListAuditEventsQueryValidator : AbstractValidator<ListAuditEventsQuery>
{
    public ListAuditEventsQueryValidator()
    {
        RuleFor(q => q.Action).MaximumLength(100);
        RuleFor(q => q.ActorId).MaximumLength(200);
        RuleFor(q => q.Team).MaximumLength(63);
        RuleFor(q => q.TargetType).MaximumLength(50);
        RuleFor(q => q.TargetId).MaximumLength(200);
        RuleFor(q => q.Outcome)
            .Must(o => AuditFilterValues.TryParseOutcome(o, out _))
            .When(q => q.Outcome is not null)
            .WithMessage("Outcome must be one of: succeeded, denied, failed.");
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
