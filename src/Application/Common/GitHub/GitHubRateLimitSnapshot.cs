namespace RunnerTokens.Application.Common.GitHub;

/// <summary>GitHub's rate-limit budget for one installation as of its last answer.</summary>
/// <param name="Organization">The organization login the installation serves.</param>
/// <param name="InstallationId">The App installation id.</param>
/// <param name="Limit">Requests allowed per window (<c>x-ratelimit-limit</c>).</param>
/// <param name="Remaining">Requests left in the window (<c>x-ratelimit-remaining</c>).</param>
/// <param name="ResetAt">When the window resets (<c>x-ratelimit-reset</c>).</param>
/// <param name="ObservedAt">When the headers were read.</param>
public sealed record GitHubRateLimitSnapshot(
    string Organization,
    long InstallationId,
    int Limit,
    int Remaining,
    DateTimeOffset ResetAt,
    DateTimeOffset ObservedAt);
