namespace RunnerTokens.Client;

/// <summary>A token from a delegate (MSAL, a client-credentials call, the GitHub Actions OIDC endpoint, a cache).</summary>
/// <param name="getAccessToken">Called before every request.</param>
public sealed class DelegateAccessTokenProvider(Func<CancellationToken, ValueTask<string?>> getAccessToken) : IAccessTokenProvider
{
    private readonly Func<CancellationToken, ValueTask<string?>> _getAccessToken = getAccessToken ?? throw new ArgumentNullException(nameof(getAccessToken));

    /// <inheritdoc />
    public ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => _getAccessToken(cancellationToken);
}
