namespace RunnerTokens.Client;

/// <summary>Where the service is, how to authenticate, and how patient to be.</summary>
public sealed class RunnerTokensClientOptions
{
    /// <summary>The service's root, e.g. <c>https://runnertokens.example.com/</c> (the operations add <c>api/v1/...</c>).</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>A fixed bearer token (a pipeline's token); ignored when <see cref="AccessTokenProvider"/> is set.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Gives the token of each request (refreshing, cached, from MSAL, from GitHub Actions' OIDC endpoint).
    /// When neither this nor <see cref="AccessToken"/> is set, an <see cref="IAccessTokenProvider"/> registered in the
    /// container is used, if any.</summary>
    public Func<CancellationToken, ValueTask<string?>>? AccessTokenProvider { get; set; }

    /// <summary>Retries of a request that may be retried safely (see docs/client.md); 0 turns retries off. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay when the service gave no <c>Retry-After</c> (exponential with jitter after it). Default 1 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest <c>Retry-After</c> the client waits for; a longer one fails at once with the problem (its
    /// <see cref="RunnerTokensProblemException.RetryAfter"/> says how long). Default 30 s.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The whole call's limit, retries included. Default 100 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    internal void CopyTo(RunnerTokensClientOptions other)
    {
        other.BaseAddress = BaseAddress;
        other.AccessToken = AccessToken;
        other.AccessTokenProvider = AccessTokenProvider;
        other.MaxRetries = MaxRetries;
        other.RetryDelay = RetryDelay;
        other.MaxRetryAfter = MaxRetryAfter;
        other.Timeout = Timeout;
    }
}
