using Mediator;
using RunnerTokens.Application.Audit.Listing;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Audit.ListAuditEvents;

/// <summary>
/// Audit events, newest first, keyset-paged over (OccurredAt, Id). Admins see every event; anyone else
/// must name one of their teams (as member or maintainer) in <see cref="Team"/>.
/// </summary>
/// <param name="Outcome"><c>succeeded</c> | <c>denied</c> | <c>failed</c>.</param>
/// <param name="From">Inclusive lower bound on the time.</param>
/// <param name="To">Exclusive upper bound on the time.</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
/// <param name="Limit">1..200, default 50.</param>
public sealed record ListAuditEventsQuery(
    string? Action = null,
    string? ActorId = null,
    string? Team = null,
    string? TargetType = null,
    string? TargetId = null,
    string? Outcome = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Cursor = null,
    int? Limit = null) : IQuery<Result<Page<AuditEventDto>>>, IEventListingQuery, IRequiresPrincipal;
