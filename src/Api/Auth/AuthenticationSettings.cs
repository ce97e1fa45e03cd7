namespace RunnerTokens.Api.Auth;

/// <summary>The <c>Authentication</c> configuration section.</summary>
public sealed class AuthenticationSettings
{
    public const string SectionName = "Authentication";

    /// <summary>The trusted token issuers; one bearer scheme each.</summary>
    public List<IssuerSettings> Issuers { get; set; } = [];

    /// <summary>Create an active, non-admin user on the first valid token of an unknown person.</summary>
    public bool AutoProvisionUsers { get; set; }

    /// <summary>
    /// How long a successful token validation may be reused for the same token, at most (never beyond its
    /// <c>exp</c>); 0 turns the cache off. See <see cref="CachingJsonWebTokenHandler"/>.
    /// </summary>
    public int ValidationCacheSeconds { get; set; } = 60;

    /// <summary>The most validations remembered per issuer scheme; 0 turns the cache off.</summary>
    public int ValidationCacheSize { get; set; } = 10_000;
}
