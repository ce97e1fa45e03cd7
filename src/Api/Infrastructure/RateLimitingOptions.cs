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
}
