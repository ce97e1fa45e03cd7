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

    /// <summary>
    /// The most validations remembered per issuer scheme (about 6 KB each: the validated token and its identity);
    /// 0 turns the cache off. A pipeline's CI token is used once or twice, people's and machines' tokens many times.
    /// </summary>
    public int ValidationCacheSize { get; set; } = 1_000;
}
