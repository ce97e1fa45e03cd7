namespace RunnerTokens.Client;

/// <summary>
/// Gives the bearer token of each request: an OIDC access token of an issuer the service trusts (client credentials
/// of a machine identity, a GitHub Actions OIDC token, a user's token). Called before every attempt, so a provider
/// that caches should refresh a token close to expiry. Return null to send the request without a token.
/// </summary>
public interface IAccessTokenProvider
{
    /// <summary>The token for the next request, without the <c>Bearer</c> prefix.</summary>
    ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken);
}
