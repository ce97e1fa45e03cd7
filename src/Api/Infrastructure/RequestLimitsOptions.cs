namespace RunnerTokens.Api.Infrastructure;

/// <summary>The <c>RequestLimits</c> section.</summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "RequestLimits";

    /// <summary>Largest accepted request body; larger bodies get a 413 problem. Webhook payloads fit in 1 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}
