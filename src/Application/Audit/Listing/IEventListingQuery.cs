namespace RunnerTokens.Application.Audit.Listing;

/// <summary>The filters and paging every event listing (audit, security) accepts.</summary>
public interface IEventListingQuery
{
    string? ActorId { get; }

    /// <summary>Team name.</summary>
    string? Team { get; }

    /// <summary>Inclusive lower bound on the time.</summary>
    DateTimeOffset? From { get; }

    /// <summary>Exclusive upper bound on the time.</summary>
    DateTimeOffset? To { get; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    string? Cursor { get; }

    /// <summary>1..200, default 50.</summary>
    int? Limit { get; }
}
