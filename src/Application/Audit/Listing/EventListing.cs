using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Audit.Listing;

/// <summary>
/// The query builder behind the audit and security event listings: the shared filters (team, actor, time
/// range, who may use the team filter) and the keyset paging over (OccurredAt desc, Id desc). Each listing
/// passes its own filters to <see cref="ListAsync{TEvent, TDto}"/>.
/// </summary>
internal static class EventListing
{
    /// <summary>
    /// Resolves the <c>team</c> filter for the caller (see <see cref="AuditTeamScope"/>), applies the shared
    /// filters and then <paramref name="filter"/>, and returns one page mapped by <paramref name="toDto"/>.
    /// </summary>
    public static async Task<Result<Page<TDto>>> ListAsync<TEvent, TDto>(
        IAppDbContext db,
        CallerPrincipal principal,
        IQueryable<TEvent> events,
        IEventListingQuery query,
        Func<IQueryable<TEvent>, IQueryable<TEvent>> filter,
        Func<TEvent, string?, TDto> toDto,
        CancellationToken cancellationToken)
        where TEvent : Entity, IRecordedEvent
    {
        var team = await AuditTeamScope.ResolveAsync(db, principal, query.Team, cancellationToken);
        if (team.IsFailure)
        {
            return team.Error;
        }

        return await PageAsync(db, filter(Filter(events, query, team.Value)), query, toDto, cancellationToken);
    }

    /// <summary>Applies the filters every listing has. <paramref name="teamId"/> is the resolved <c>team</c> filter.</summary>
    private static IQueryable<TEvent> Filter<TEvent>(IQueryable<TEvent> events, IEventListingQuery query, Guid? teamId)
        where TEvent : Entity, IRecordedEvent
    {
        if (teamId is { } team)
        {
            events = events.Where(e => e.TeamId == team);
        }

        if (query.ActorId is { } actorId)
        {
            events = events.Where(e => e.ActorId == actorId);
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

        return events;
    }

    /// <summary>
    /// One page, newest first, starting strictly after the query's cursor, each event mapped with its team's
    /// name. The one place listings page: swap it for a shared keyset helper without touching the handlers.
    /// </summary>
    private static async Task<Result<Page<TDto>>> PageAsync<TEvent, TDto>(
        IAppDbContext db,
        IQueryable<TEvent> events,
        IEventListingQuery query,
        Func<TEvent, string?, TDto> toDto,
        CancellationToken cancellationToken)
        where TEvent : Entity, IRecordedEvent
    {
        if (query.Cursor is not null)
        {
            if (!KeysetCursor.TryDecode(query.Cursor, out var after))
            {
                return KeysetCursor.Invalid;
            }

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
            .Select(e => toDto(e, e.TeamId is { } teamId && names.TryGetValue(teamId, out var name) ? name : null))
            .ToList();
        var next = rows.Count > limit ? new KeysetCursor(page[^1].OccurredAt, page[^1].Id).Encode() : null;
        return new Page<TDto>(items, next);
    }
}
