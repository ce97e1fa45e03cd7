using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Audit.Listing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Audit.ListSecurityEvents;

public sealed class ListSecurityEventsQueryHandler(IAppDbContext db, ICurrentPrincipal current)
    : IQueryHandler<ListSecurityEventsQuery, Result<Page<SecurityEventDto>>>
{
    public async ValueTask<Result<Page<SecurityEventDto>>> Handle(ListSecurityEventsQuery query, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        if (query.Severity is not null && !AuditFilterValues.TryParseSeverity(query.Severity, out _))
        {
            return Error.Validation("request.invalid_severity", "Severity must be one of: low, medium, high, critical.");
        }

        return await EventListing.ListAsync(
            db, principal, db.SecurityEvents.AsNoTracking(), query, events => Filter(events, query),
            (e, team) => e.ToDto() with { Team = team }, cancellationToken);
    }

    private static IQueryable<SecurityEvent> Filter(IQueryable<SecurityEvent> events, ListSecurityEventsQuery query)
    {
        if (query.Type is { } type)
        {
            events = events.Where(e => e.Type == type);
        }

        return AuditFilterValues.TryParseSeverity(query.Severity, out var severity)
            ? events.Where(e => e.Severity == severity)
            : events;
    }
}
