using System.Diagnostics.Metrics;
using RunnerTokens.Api.Observability;

namespace RunnerTokens.Api.Auth;

/// <summary>
/// Rejected tokens are counted, not stored: anonymous traffic must not turn into database writes.
/// Counter <c>runnertokens.auth.failures</c>, tagged <c>reason</c> and <c>scheme</c>.
/// </summary>
public sealed class AuthMetrics
{
    public const string MeterName = ObservabilitySetup.MeterName;
    public const string FailuresCounterName = "runnertokens.auth.failures";

    private readonly Counter<long> _failures;

    public AuthMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _failures = meter.CreateCounter<long>(FailuresCounterName, unit: "{token}", description: "Bearer tokens refused with 401, by reason.");
    }

    public void TokenRejected(string reason, string scheme) =>
        _failures.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("scheme", scheme));
}
