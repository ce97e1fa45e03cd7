namespace RunnerTokens.Domain.Common;

/// <summary>The kind of an expected failure; the API maps each kind to one HTTP status.</summary>
public enum ErrorType
{
    Validation,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    /// <summary>The caller's precondition (for example the version it read, sent as If-Match) no longer holds.</summary>
    PreconditionFailed,
    RateLimited,
    Upstream,
    Unavailable,
}
