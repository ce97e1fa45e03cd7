namespace RunnerTokens.Api.Auth;

/// <summary>One <c>Authentication:Issuers:N</c> entry.</summary>
public sealed class IssuerSettings
{
    /// <summary>Short unique name (letters, digits, '-', '_'); names the scheme and tags metrics.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Base URL of the issuer; its discovery document is at <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string Authority { get; set; } = string.Empty;

    /// <summary>
    /// The exact <c>iss</c> value the issuer puts in its tokens, when it differs from <see cref="Authority"/>
    /// (beyond a trailing slash). Optional.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>Accepted <c>aud</c> values; at least one.</summary>
    public List<string> Audiences { get; set; } = [];

    public IssuerKind Kind { get; set; } = IssuerKind.Oidc;

    /// <summary>Fetch discovery and keys over HTTPS only. Turn off only for a local test issuer.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The issuer identifier tokens carry: <see cref="Issuer"/>, else <see cref="Authority"/>.</summary>
    public string TokenIssuer => string.IsNullOrWhiteSpace(Issuer) ? Authority : Issuer;
}
