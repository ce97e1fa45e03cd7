using Mediator;
using RunnerTokens.Application.Audit.Listing;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Audit.ListSecurityEvents;

/// <summary>Security events, newest first, keyset-paged over (OccurredAt, Id). Admins only.</summary>
/// <param name="Severity"><c>low</c> | <c>medium</c> | <c>high</c> | <c>critical</c>.</param>
/// <param name="From">Inclusive lower bound on the time.</param>
/// <param name="To">Exclusive upper bound on the time.</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
/// <param name="Limit">1..200, default 50.</param>
public sealed record ListSecurityEventsQuery(
    string? Type = null,
    string? ActorId = null,
    string? Team = null,
    string? Severity = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Cursor = null,
    int? Limit = null) : IQuery<Result<Page<SecurityEventDto>>>, IEventListingQuery, IAdminOnly;
