using RunnerTokens.Domain.Identity;

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

    /// <summary>Which principals its tokens may become: <c>Users</c>, <c>Machines</c> or <c>Both</c> (default).</summary>
    public IssuerPurpose Purpose { get; set; } = IssuerPurpose.Both;

    /// <summary>
    /// Whether this issuer vouches for emails: only then, and only when the token says <c>email_verified</c>
    /// (Entra: <c>xms_edov</c>) is true, does an email bind a pre-registered user or match an <c>email:</c> rule.
    /// </summary>
    public bool TrustEmail { get; set; }

    /// <summary>
    /// Claims every machine identity of this issuer must have a condition on, for issuers whose subjects anyone
    /// can mint (GitHub Actions: <c>repository_owner_id</c>; GitLab: <c>namespace_id</c>).
    /// </summary>
    public List<string> RequiredClaimConditions { get; set; } = [];

    /// <summary>The issuer identifier tokens carry: <see cref="Issuer"/>, else <see cref="Authority"/>.</summary>
    public string TokenIssuer => string.IsNullOrWhiteSpace(Issuer) ? Authority : Issuer;
}
