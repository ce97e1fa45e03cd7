namespace RunnerTokens.Api.Observability;

/// <summary>
/// <c>Metrics</c> section: where the Prometheus scrape endpoint <c>/metrics</c> is served. The default is unchanged:
/// anonymous, on the main port.
/// </summary>
public sealed class MetricsEndpointOptions
{
    public const string SectionName = "Metrics";

    /// <summary>
    /// Serve <c>/metrics</c> on this port only (and nothing else there); the main port answers 404 for it. The port
    /// is added to the listening addresses; expose it to the scraper, not through the ingress.
    /// </summary>
    public int? Port { get; set; }

    /// <summary>Require a bearer token of a known, active principal (a user or machine identity) to scrape.</summary>
    public bool RequireAuthorization { get; set; }
}
