namespace RunnerTokens.Domain.Common;

/// <summary>The kind of an expected failure; the API maps each kind to one HTTP status.</summary>
public enum ErrorType
{
    Validation,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    RateLimited,
    Upstream,
    Unavailable,
}
