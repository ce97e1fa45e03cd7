using FluentValidation;
using RunnerTokens.Application.Common.Paging;

namespace RunnerTokens.Application.Audit.ListSecurityEvents;

public sealed class ListSecurityEventsQueryValidator : AbstractValidator<ListSecurityEventsQuery>
{
    public ListSecurityEventsQueryValidator()
    {
        RuleFor(q => q.Type).MaximumLength(100);
        RuleFor(q => q.ActorId).MaximumLength(200);
        RuleFor(q => q.Team).MaximumLength(63);
        RuleFor(q => q.Severity)
            .Must(s => AuditFilterValues.TryParseSeverity(s, out _))
            .When(q => q.Severity is not null)
            .WithMessage("Severity must be one of: low, medium, high, critical.");
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
