namespace RunnerTokens.Api.Infrastructure;

/// <summary>The <c>RateLimiting</c> section: a token bucket per caller (principal, else client IP).</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Burst size: requests a caller may make at once.</summary>
    public int TokenLimit { get; set; } = 100;

    /// <summary>Tokens added each replenishment period.</summary>
    public int TokensPerPeriod { get; set; } = 20;

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// GitHub's webhook deliveries have their own limiter instead of the per-address buckets: a global concurrency
    /// limit, so anonymous traffic elsewhere never uses up the budget GitHub's (few, shared) addresses need.
    /// </summary>
    public WebhookLimits Webhooks { get; set; } = new();

    public sealed class WebhookLimits
    {
        /// <summary>Deliveries verified and stored at the same time.</summary>
        public int PermitLimit { get; set; } = 16;

        /// <summary>Deliveries waiting for a permit; beyond that 429.</summary>
        public int QueueLimit { get; set; } = 64;
    }
}
