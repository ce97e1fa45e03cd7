using FluentValidation;
using RunnerTokens.Application.Audit.Listing;

namespace RunnerTokens.Application.Audit.ListSecurityEvents;

public sealed class ListSecurityEventsQueryValidator : EventListingQueryValidator<ListSecurityEventsQuery>
{
    public ListSecurityEventsQueryValidator()
    {
        RuleFor(q => q.Type).MaximumLength(100);
        RuleFor(q => q.Severity)
            .Must(s => AuditFilterValues.TryParseSeverity(s, out _))
            .When(q => q.Severity is not null)
            .WithMessage("Severity must be one of: low, medium, high, critical.");
    }
}
