namespace RunnerTokens.Api.Auth;

public enum IssuerKind
{
    /// <summary>Any OpenID Connect issuer (Keycloak, Okta, Auth0, Google, GitHub Actions ...), through JwtBearer.</summary>
    Oidc,

    /// <summary>Microsoft Entra ID, through Microsoft.Identity.Web.</summary>
    Entra,
}
