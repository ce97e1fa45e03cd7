using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Infrastructure.GitHub.Options;

namespace RunnerTokens.Infrastructure.GitHub.RateLimits;

/// <summary>Keeps the last <c>x-ratelimit-*</c> headers per organization (installation).</summary>
internal sealed class GitHubRateLimitTracker(IOptionsMonitor<GitHubOptions> options, TimeProvider timeProvider) : IGitHubRateLimits
{
    private readonly ConcurrentDictionary<string, GitHubRateLimitSnapshot> _snapshots = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Records the headers of one GitHub answer, if it carries them.</summary>
    public void Record(string organization, long installationId, HttpHeaders? headers)
    {
        if (GitHubResponses.ReadRateLimit(headers) is not { } limits)
        {
            return;
        }

        var snapshot = new GitHubRateLimitSnapshot(organization, installationId, limits.Limit, limits.Remaining, limits.ResetAt, timeProvider.GetUtcNow());
        _snapshots.AddOrUpdate(organization, snapshot, (_, previous) => Newer(previous, snapshot));
    }

    public GitHubRateLimitSnapshot? GetSnapshot(string organization) =>
        _snapshots.TryGetValue(organization, out var snapshot) ? snapshot : null;

    public IReadOnlyList<GitHubRateLimitSnapshot> GetSnapshots() => [.. _snapshots.Values.OrderBy(s => s.Organization, StringComparer.OrdinalIgnoreCase)];

    public bool ShouldYield(string organization, out TimeSpan retryAfter) =>
        IsBelow(organization, options.CurrentValue.RateLimitReserve, out retryAfter);

    /// <summary>True when GitHub said the budget is spent and the window has not reset yet.</summary>
    public bool IsExhausted(string organization, out TimeSpan retryAfter) => IsBelow(organization, 1, out retryAfter);

    private bool IsBelow(string organization, int threshold, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (GetSnapshot(organization) is not { } snapshot)
        {
            return false;
        }

        var untilReset = snapshot.ResetAt - timeProvider.GetUtcNow();
        if (snapshot.Remaining >= threshold || untilReset <= TimeSpan.Zero)
        {
            return false;
        }

        retryAfter = untilReset;
        return true;
    }

    // Answers can arrive out of order: within one window the smaller remaining is the newer truth.
    private static GitHubRateLimitSnapshot Newer(GitHubRateLimitSnapshot previous, GitHubRateLimitSnapshot current) =>
        current.ResetAt > previous.ResetAt || (current.ResetAt == previous.ResetAt && current.Remaining <= previous.Remaining)
            ? current
            : previous with { ObservedAt = current.ObservedAt };
}
