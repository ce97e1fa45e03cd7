using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Audit.Listing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Audit.ListAuditEvents;

public sealed class ListAuditEventsQueryHandler(IAppDbContext db, ICurrentPrincipal current)
    : IQueryHandler<ListAuditEventsQuery, Result<Page<AuditEventDto>>>
{
    public async ValueTask<Result<Page<AuditEventDto>>> Handle(ListAuditEventsQuery query, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        // The validator has checked this; parsing again keeps the handler safe on its own.
        if (query.Outcome is not null && !AuditFilterValues.TryParseOutcome(query.Outcome, out _))
        {
            return Error.Validation("request.invalid_outcome", "Outcome must be one of: succeeded, denied, failed.");
        }

        // Plain team members see who did what, not from where: client IP and user agent are for maintainers and admins.
        var seesNetwork = AuditTeamScope.SeesActorNetwork(principal, query.Team);
        return await EventListing.ListAsync(
            db, principal, db.AuditEvents.AsNoTracking(), query, events => Filter(events, query),
            (e, team) => seesNetwork ? e.ToDto() with { Team = team } : e.ToDto() with { Team = team, ClientIp = null, UserAgent = null },
            cancellationToken);
    }

    private static IQueryable<AuditEvent> Filter(IQueryable<AuditEvent> events, ListAuditEventsQuery query)
    {
        if (query.Action is { } action)
        {
            events = events.Where(e => e.Action == action);
        }

        if (query.TargetType is { } targetType)
        {
            events = events.Where(e => e.TargetType == targetType);
        }

        if (query.TargetId is { } targetId)
        {
            events = events.Where(e => e.TargetId == targetId);
        }

        return AuditFilterValues.TryParseOutcome(query.Outcome, out var outcome)
            ? events.Where(e => e.Outcome == outcome)
            : events;
    }
}
