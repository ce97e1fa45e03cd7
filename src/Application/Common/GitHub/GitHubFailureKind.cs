namespace RunnerTokens.Application.Common.GitHub;

/// <summary>How a call to GitHub failed. Each kind maps to one stable error code (see <see cref="GitHubErrors"/>).</summary>
public enum GitHubFailureKind
{
    /// <summary>404: the organization, runner, group or run does not exist, or the App cannot see it.</summary>
    NotFound,

    /// <summary>409 on generate-jitconfig: a runner with that name already exists.</summary>
    NameConflict,

    /// <summary>409 anywhere else: GitHub refused because of the resource's current state.</summary>
    Conflict,

    /// <summary>400/422: GitHub rejected the request; <see cref="GitHubFailure.Message"/> keeps GitHub's message.</summary>
    Validation,

    /// <summary>401: the App JWT or installation token was rejected (after one fresh token was tried).</summary>
    Unauthorized,

    /// <summary>403 that is not a rate limit: the App lacks a permission or the resource is not its to manage.</summary>
    Forbidden,

    /// <summary>Primary (403/429 with <c>x-ratelimit-remaining: 0</c>) or secondary (<c>retry-after</c>) rate limit.</summary>
    RateLimited,

    /// <summary>5xx, timeout, connection failure or an open circuit: GitHub could not be reached or answered badly.</summary>
    Unavailable,
}
