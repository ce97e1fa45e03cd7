namespace RunnerTokens.Api.Hosting;

/// <summary>
/// <c>ForwardedHeaders</c> section: the reverse proxies (load balancer, ingress) whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed. Empty (the default): the headers are ignored and the client address is the
/// TCP peer. Never "everyone": a /0 network is refused at start.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.12</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.244.0.0/16</c> (a Kubernetes pod network).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies (entries of <c>X-Forwarded-For</c>, right to left) are unwound at most.</summary>
    public int? ForwardLimit { get; set; } = 1;
}
