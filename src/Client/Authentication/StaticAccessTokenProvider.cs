namespace RunnerTokens.Client;

/// <summary>One token for every request (a pipeline's token from an environment variable, a test).</summary>
/// <param name="accessToken">The token, without the <c>Bearer</c> prefix.</param>
public sealed class StaticAccessTokenProvider(string accessToken) : IAccessTokenProvider
{
    private readonly string _accessToken = string.IsNullOrWhiteSpace(accessToken)
        ? throw new ArgumentException("The access token is empty.", nameof(accessToken))
        : accessToken;

    /// <inheritdoc />
    public ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(_accessToken);

    /// <summary>Never shows the token.</summary>
    public override string ToString() => "StaticAccessTokenProvider { AccessToken = *** }";
}
