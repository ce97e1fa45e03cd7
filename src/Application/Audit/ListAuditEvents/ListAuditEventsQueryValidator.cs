using FluentValidation;
using RunnerTokens.Application.Audit.Listing;

namespace RunnerTokens.Application.Audit.ListAuditEvents;

public sealed class ListAuditEventsQueryValidator : EventListingQueryValidator<ListAuditEventsQuery>
{
    public ListAuditEventsQueryValidator()
    {
        RuleFor(q => q.Action).MaximumLength(100);
        RuleFor(q => q.TargetType).MaximumLength(50);
        RuleFor(q => q.TargetId).MaximumLength(200);
        RuleFor(q => q.Outcome)
            .Must(o => AuditFilterValues.TryParseOutcome(o, out _))
            .When(q => q.Outcome is not null)
            .WithMessage("Outcome must be one of: succeeded, denied, failed.");
    }
}
