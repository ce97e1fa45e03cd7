using System.Net;

namespace RunnerTokens.GitHub.Simulator;

/// <summary>A one-shot fault for the next request that matches <see cref="Method"/> and <see cref="PathContains"/>.</summary>
public sealed record SimulatedFault(SimulatedFaultKind Kind)
{
    /// <summary>The status answered for <see cref="SimulatedFaultKind.Status"/> faults.</summary>
    public HttpStatusCode Status { get; init; } = HttpStatusCode.ServiceUnavailable;

    /// <summary>Only requests with this method (null: any).</summary>
    public HttpMethod? Method { get; init; }

    /// <summary>Only requests whose path contains this text (null: any).</summary>
    public string? PathContains { get; init; }

    /// <summary>For timeouts and resets: process the request first (the effect happens, the answer is lost).</summary>
    public bool AfterProcessing { get; init; }

    /// <summary>A <c>retry-after</c> header, in seconds, for status faults.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>How long a <see cref="SimulatedFaultKind.Slow"/> fault holds the answer back.</summary>
    public int DelayMilliseconds { get; init; } = 2000;

    /// <summary>Marks a 403/429 status fault as a primary rate limit (<c>x-ratelimit-remaining: 0</c>).</summary>
    public bool PrimaryRateLimit { get; init; }
}
