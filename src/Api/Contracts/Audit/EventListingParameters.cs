using Microsoft.AspNetCore.Mvc;

namespace RunnerTokens.Api.Contracts.Audit;

/// <summary>The query-string filters and paging that every event listing (audit, security) accepts.</summary>
public sealed class EventListingParameters
{
    /// <summary>Exact actor id.</summary>
    [FromQuery(Name = "actorId")]
    public string? ActorId { get; init; }

    /// <summary>Team name.</summary>
    [FromQuery(Name = "team")]
    public string? Team { get; init; }

    /// <summary>Only events at or after this time (ISO 8601).</summary>
    [FromQuery(Name = "from")]
    public DateTimeOffset? From { get; init; }

    /// <summary>Only events before this time (ISO 8601).</summary>
    [FromQuery(Name = "to")]
    public DateTimeOffset? To { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }

    /// <summary>Page size, 1 to 200 (default 50).</summary>
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }
}
