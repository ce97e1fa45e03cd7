namespace RunnerTokens.Application.Common.GitHub;

/// <summary>A failed call to GitHub.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Message">A safe explanation; for Validation, GitHub's own message (and its error list).</param>
/// <param name="RetryAfter">When known, how long to wait before trying again (rate limits, open circuit, <c>retry-after</c>).</param>
/// <param name="StatusCode">GitHub's HTTP status, or null when no response arrived.</param>
public sealed record GitHubFailure(GitHubFailureKind Kind, string Message, TimeSpan? RetryAfter = null, int? StatusCode = null)
{
    /// <summary>
    /// True when the request may have taken effect at GitHub although no answer arrived (timeout, connection
    /// reset, 5xx on a POST). generate-jitconfig cleans up after itself before reporting this; a caller may retry.
    /// </summary>
    public bool Ambiguous { get; init; }

    /// <summary>
    /// True when an ambiguous generate-jitconfig may have left a runner at GitHub that its clean-up could not remove
    /// (the lookup by name or the deletion failed too). The caller keeps the reservation so the sync removes the
    /// runner after <c>Sync:ProvisioningGrace</c>; dropping it would leave a runner no row claims.
    /// </summary>
    public bool MayHaveLeftRunner { get; init; }
}
