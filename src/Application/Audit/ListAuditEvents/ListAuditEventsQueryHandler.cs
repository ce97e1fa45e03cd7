using Mediator;
using Microsoft.EntityFrameworkCore;
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
        var principal = current.Principal;
        if (principal is null)
        {
            return AccessErrors.Unauthenticated;
        }

        var team = await AuditTeamScope.ResolveAsync(db, principal, query.Team, cancellationToken);
        if (team.IsFailure)
        {
            return team.Error;
        }

        // The validator has checked these; parsing again keeps the handler safe on its own.
        if (query.Outcome is not null && !AuditFilterValues.TryParseOutcome(query.Outcome, out _))
        {
            return Error.Validation("request.invalid_outcome", "Outcome must be one of: succeeded, denied, failed.");
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

        var events = db.AuditEvents.AsNoTracking();
        if (team.Value is { } teamId)
        {
            events = events.Where(e => e.TeamId == teamId);
        }

        if (query.Action is not null)
        {
            events = events.Where(e => e.Action == query.Action);
        }

        if (query.ActorId is not null)
        {
            events = events.Where(e => e.ActorId == query.ActorId);
        }

        if (query.TargetType is not null)
        {
            events = events.Where(e => e.TargetType == query.TargetType);
        }

        if (query.TargetId is not null)
        {
            events = events.Where(e => e.TargetId == query.TargetId);
        }

        if (AuditFilterValues.TryParseOutcome(query.Outcome, out var outcome))
        {
            events = events.Where(e => e.Outcome == outcome);
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
            // Strictly after the last row of the previous page in (OccurredAt desc, Id desc) order. The id
            // comparison and the ORDER BY both use the database's own GUID ordering, so they agree.
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
        return new Page<AuditEventDto>(items, next);
    }
}
