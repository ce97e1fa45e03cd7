using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Common.GitHub;

/// <summary>
/// Maps GitHub failures to domain <see cref="Error"/>s with stable codes, so a feature can return them as is:
/// GitHub's refusals are Upstream (502), throttling and outages are Unavailable (503, with Retry-After when
/// known), and a taken runner name is a Conflict (409).
/// </summary>
public static class GitHubErrors
{
    public const string NotFoundCode = "github.not_found";
    public const string NameConflictCode = "runner.name_conflict";
    public const string ConflictCode = "github.conflict";
    public const string ValidationFailedCode = "github.validation_failed";
    public const string UnauthorizedCode = "github.unauthorized";
    public const string ForbiddenCode = "github.forbidden";
    public const string RateLimitedCode = "github.rate_limited";
    public const string UnavailableCode = "github.unavailable";

    public static Error ToError(this GitHubFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var error = failure.Kind switch
        {
            GitHubFailureKind.NotFound => Error.Upstream(NotFoundCode, $"GitHub did not find it: {failure.Message}"),
            GitHubFailureKind.NameConflict => Error.Conflict(NameConflictCode, $"GitHub already has a runner with that name: {failure.Message}"),
            GitHubFailureKind.Conflict => Error.Upstream(ConflictCode, $"GitHub refused because of the resource's state: {failure.Message}"),
            GitHubFailureKind.Validation => Error.Upstream(ValidationFailedCode, $"GitHub rejected the request: {failure.Message}"),
            GitHubFailureKind.Unauthorized => Error.Upstream(UnauthorizedCode, "GitHub rejected the service's App credentials."),
            GitHubFailureKind.Forbidden => Error.Upstream(ForbiddenCode, $"The GitHub App is not allowed to do this: {failure.Message}"),
            GitHubFailureKind.RateLimited => Error.Unavailable(RateLimitedCode, "GitHub's rate limit for the organization is exhausted; try again later.") with { RetryAfter = failure.RetryAfter },
            GitHubFailureKind.Unavailable => Error.Unavailable(UnavailableCode, $"GitHub is unavailable: {failure.Message}") with { RetryAfter = failure.RetryAfter },
            _ => throw new ArgumentOutOfRangeException(nameof(failure), failure.Kind, "Unknown GitHub failure kind."),
        };

        if (failure.StatusCode is { } status)
        {
            error = error.WithDetail("githubStatus", status);
        }

        return failure.Ambiguous ? error.WithDetail("ambiguous", true) : error;
    }

    /// <summary>The failure of <paramref name="result"/> as a domain error.</summary>
    public static Error ToError<T>(this GitHubResult<T> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Failure?.ToError() ?? throw new InvalidOperationException("The GitHub call succeeded; there is no error.");
    }
}
