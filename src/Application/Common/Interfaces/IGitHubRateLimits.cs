using RunnerTokens.Application.Common.GitHub;

namespace RunnerTokens.Application.Common.Interfaces;

/// <summary>
/// GitHub's rate-limit budget per organization (installation), as last reported by GitHub's
/// <c>x-ratelimit-*</c> headers. Background work (sync, cleanup) asks <see cref="ShouldYield"/> before each
/// batch so that provisioning keeps the last <c>GitHub:RateLimitReserve</c> requests of the hour.
/// </summary>
public interface IGitHubRateLimits
{
    /// <summary>The last snapshot for the organization, or null before the first call to GitHub.</summary>
    GitHubRateLimitSnapshot? GetSnapshot(string organization);

    /// <summary>Every snapshot known, one per organization.</summary>
    IReadOnlyList<GitHubRateLimitSnapshot> GetSnapshots();

    /// <summary>
    /// True when background work should wait: the remaining budget is below the configured reserve and the
    /// window has not reset yet. <paramref name="retryAfter"/> is how long until the reset (when yielding).
    /// Unknown budgets (no call made yet) never yield.
    /// </summary>
    bool ShouldYield(string organization, out TimeSpan retryAfter);
}
