using System.Diagnostics.Metrics;
using RunnerTokens.Infrastructure.GitHub.RateLimits;

namespace RunnerTokens.Infrastructure.GitHub;

/// <summary>
/// GitHub metrics on the service's <c>RunnerTokens</c> meter: <c>runnertokens.github.calls</c> (counter, tags
/// <c>endpoint</c>, <c>outcome</c>) and <c>runnertokens.github.ratelimit.remaining</c> (gauge, tags
/// <c>installation</c>, <c>org</c>).
/// </summary>
internal sealed class GitHubMetrics
{
    public const string MeterName = "RunnerTokens";
    public const string CallsInstrument = "runnertokens.github.calls";
    public const string RemainingInstrument = "runnertokens.github.ratelimit.remaining";

    private readonly Counter<long> _calls;

    public GitHubMetrics(IMeterFactory meterFactory, GitHubRateLimitTracker rateLimits)
    {
        var meter = meterFactory.Create(MeterName);
        _calls = meter.CreateCounter<long>(CallsInstrument, unit: "{call}", description: "Calls to GitHub by endpoint and outcome.");
        meter.CreateObservableGauge(
            RemainingInstrument,
            () => rateLimits.GetSnapshots().Select(s => new Measurement<int>(
                s.Remaining,
                new KeyValuePair<string, object?>("installation", s.InstallationId),
                new KeyValuePair<string, object?>("org", s.Organization))),
            unit: "{request}",
            description: "GitHub's remaining rate-limit budget per installation.");
    }

    /// <summary>Counts one call. <paramref name="outcome"/> is <c>success</c> or a failure kind in snake case.</summary>
    public void RecordCall(string endpoint, string outcome) =>
        _calls.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("outcome", outcome));
}
