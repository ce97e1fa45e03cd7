namespace RunnerTokens.Api.Auth;

/// <summary>Authentication scheme names.</summary>
public static class AuthSchemes
{
    /// <summary>The default scheme: forwards each request to the scheme of its token's issuer.</summary>
    public const string Selector = "RunnerTokens";

    /// <summary>Requests without a bearer token, or with one from no trusted issuer.</summary>
    public const string Unrecognized = "RunnerTokens.Unrecognized";

    /// <summary>Development only: tokens made by <c>dotnet user-jwts</c> (the section it writes is <c>Authentication:Schemes:Bearer</c>).</summary>
    public const string DevelopmentUserJwts = "Bearer";

    /// <summary>The <c>iss</c> that <c>dotnet user-jwts</c> writes by default.</summary>
    public const string DevelopmentUserJwtsIssuer = "dotnet-user-jwts";

    public static string ForIssuer(string issuerName) => "issuer-" + issuerName;
}
