namespace RunnerTokens.GitHub.Simulator;

/// <summary>What an injected fault does to the matching request.</summary>
public enum SimulatedFaultKind
{
    /// <summary>Answer with <see cref="SimulatedFault.Status"/> without processing the request.</summary>
    Status,

    /// <summary>Never answer (until the caller gives up), optionally after processing the request.</summary>
    Timeout,

    /// <summary>Fail the connection (HttpRequestException), optionally after processing the request.</summary>
    ConnectionReset,

    /// <summary>Answer normally, but only after <see cref="SimulatedFault.DelayMilliseconds"/> (a slow GitHub).</summary>
    Slow,
}
