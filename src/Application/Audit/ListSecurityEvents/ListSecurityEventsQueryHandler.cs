using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Audit.ListSecurityEvents;

public sealed class ListSecurityEventsQueryHandler(IAppDbContext db, ICurrentPrincipal current)
    : IQueryHandler<ListSecurityEventsQuery, Result<Page<SecurityEventDto>>>
{
    public async ValueTask<Result<Page<SecurityEventDto>>> Handle(ListSecurityEventsQuery query, CancellationToken cancellationToken)
    {
        var principal = current.Principal;
        if (principal is null)
        {
            return AccessErrors.Unauthenticated;
        }

        if (!principal.IsAdmin)
        {
            return AccessErrors.AdminRequired;
        }

        var team = await AuditTeamScope.ResolveAsync(db, principal, query.Team, cancellationToken);
        if (team.IsFailure)
        {
            return team.Error;
        }

        if (query.Severity is not null && !AuditFilterValues.TryParseSeverity(query.Severity, out _))
        {
            return Error.Validation("request.invalid_severity", "Severity must be one of: low, medium, high, critical.");
        }

        KeysetCursor? cursor = null;
        if (query.Cursor is not null)
        {
            if (!KeysetCursor.TryDecode(query.Cursor, out var decoded))
            {
                return KeysetCursor.Invalid;
            }

            cursor = decoded;
        }

        var events = db.SecurityEvents.AsNoTracking();
        if (team.Value is { } teamId)
        {
            events = events.Where(e => e.TeamId == teamId);
        }

        if (query.Type is not null)
        {
            events = events.Where(e => e.Type == query.Type);
        }

        if (query.ActorId is not null)
        {
            events = events.Where(e => e.ActorId == query.ActorId);
        }

        if (AuditFilterValues.TryParseSeverity(query.Severity, out var severity))
        {
            events = events.Where(e => e.Severity == severity);
        }

        if (query.From is { } from)
        {
            var fromUtc = from.ToUniversalTime();
            events = events.Where(e => e.OccurredAt >= fromUtc);
        }

        if (query.To is { } to)
        {
            var toUtc = to.ToUniversalTime();
            events = events.Where(e => e.OccurredAt < toUtc);
        }

        if (cursor is { } after)
        {
            var time = after.Time;
            var id = after.Id;
            events = events.Where(e => e.OccurredAt < time || (e.OccurredAt == time && e.Id.CompareTo(id) < 0));
        }

        var limit = query.Limit ?? PageLimits.Default;
        var rows = await events
            .OrderByDescending(e => e.OccurredAt)
            .ThenByDescending(e => e.Id)
            .Take(limit + 1)
            .ToListAsync(cancellationToken);

        var page = rows.Take(limit).ToList();
        var names = await AuditTeamScope.TeamNamesAsync(db, page.Select(e => e.TeamId), cancellationToken);
        var items = page
            .Select(e => e.ToDto() with { Team = e.TeamId is { } id && names.TryGetValue(id, out var name) ? name : null })
            .ToList();
        var next = rows.Count > limit ? new KeysetCursor(page[^1].OccurredAt, page[^1].Id).Encode() : null;
        return new Page<SecurityEventDto>(items, next);
    }
}
