using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Infrastructure.GitHub.Options;

namespace RunnerTokens.Infrastructure.GitHub;

/// <summary>Turns what goes wrong before GitHub answers (timeouts, resets, an open circuit) into typed failures.</summary>
internal static class GitHubCallFailures
{
    /// <summary>
    /// The failure for <paramref name="exception"/>, or null when it is not a transport failure (a bug, or the
    /// caller's own cancellation, which the caller rethrows).
    /// </summary>
    public static GitHubFailure? FromException(Exception exception, GitHubResilienceOptions options, CancellationToken callerToken)
    {
        var inner = exception is ApiRequestException { InnerException: { } wrapped } ? wrapped : exception;
        return inner switch
        {
            BrokenCircuitException => new GitHubFailure(
                GitHubFailureKind.Unavailable,
                "Calls to GitHub for this organization are paused after repeated failures (circuit open).",
                options.BreakerBreakDuration),
            TimeoutRejectedException => new GitHubFailure(GitHubFailureKind.Unavailable, "GitHub did not answer in time.") { Ambiguous = true },
            HttpRequestException http => new GitHubFailure(
                GitHubFailureKind.Unavailable,
                $"GitHub could not be reached ({http.HttpRequestError}).") { Ambiguous = true },
            OperationCanceledException when !callerToken.IsCancellationRequested =>
                new GitHubFailure(GitHubFailureKind.Unavailable, "GitHub did not answer in time.") { Ambiguous = true },
            _ => null,
        };
    }

    /// <summary>Kind names as metric outcomes (<c>name_conflict</c>, <c>rate_limited</c>, ...).</summary>
    public static string Outcome(GitHubFailure? failure) => failure is null
        ? "success"
        : failure.Kind switch
        {
            GitHubFailureKind.NotFound => "not_found",
            GitHubFailureKind.NameConflict => "name_conflict",
            GitHubFailureKind.Conflict => "conflict",
            GitHubFailureKind.Validation => "validation",
            GitHubFailureKind.Unauthorized => "unauthorized",
            GitHubFailureKind.Forbidden => "forbidden",
            GitHubFailureKind.RateLimited => "rate_limited",
            _ => "unavailable",
        };
}
