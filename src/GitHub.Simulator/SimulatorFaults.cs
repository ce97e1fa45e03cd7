using System.Globalization;
using System.Net;

namespace RunnerTokens.GitHub.Simulator;

/// <summary>
/// One-shot faults queued by tests: a status answer instead of processing, or a transport failure (timeout,
/// connection reset) before or after the request took effect. The queue is guarded by the state's gate.
/// </summary>
internal sealed class SimulatorFaults(SimulatorState state)
{
    private readonly List<SimulatedFault> _faults = [];

    public void Add(SimulatedFault fault)
    {
        lock (state.Gate)
        {
            _faults.Add(fault);
        }
    }

    /// <summary>Drops every fault still waiting for its request; returns how many.</summary>
    public int Clear()
    {
        lock (state.Gate)
        {
            var count = _faults.Count;
            _faults.Clear();
            return count;
        }
    }

    /// <summary>Removes and returns the first fault that matches; the caller holds the gate.</summary>
    public SimulatedFault? Take(HttpMethod method, string path)
    {
        var index = _faults.FindIndex(f =>
            (f.Method is null || f.Method == method)
            && (f.PathContains is null || path.Contains(f.PathContains, StringComparison.OrdinalIgnoreCase)));
        if (index < 0)
        {
            return null;
        }

        var fault = _faults[index];
        _faults.RemoveAt(index);
        return fault;
    }

    /// <summary>The answer of a <see cref="SimulatedFaultKind.Status"/> fault, with GitHub's rate-limit wording and headers.</summary>
    public SimulatorAnswer Answer(SimulatedFault fault)
    {
        var answer = SimulatorAnswer.Error(fault.Status, fault.Status switch
        {
            HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests when fault.PrimaryRateLimit => "API rate limit exceeded.",
            HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests => "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
            _ => $"Simulated {(int)fault.Status} answer.",
        });
        if (fault.RetryAfterSeconds is { } seconds)
        {
            answer.Headers.Add(("retry-after", seconds.ToString(CultureInfo.InvariantCulture)));
        }

        if (fault.PrimaryRateLimit)
        {
            var reset = state.Now.AddSeconds(fault.RetryAfterSeconds ?? 60).ToUnixTimeSeconds();
            answer.Headers.Add(("x-ratelimit-limit", state.Settings.Simulator.RateLimit.ToString(CultureInfo.InvariantCulture)));
            answer.Headers.Add(("x-ratelimit-remaining", "0"));
            answer.Headers.Add(("x-ratelimit-reset", reset.ToString(CultureInfo.InvariantCulture)));
        }

        return answer;
    }

    /// <summary>Never answers (until cancelled) for a timeout, then fails the connection as a reset would.</summary>
    public static async Task FailTransportAsync(SimulatedFault fault, CancellationToken cancellationToken)
    {
        if (fault.Kind == SimulatedFaultKind.Timeout)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection reset by peer (simulated).", new IOException("Connection reset by peer."));
    }
}
