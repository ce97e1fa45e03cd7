namespace RunnerTokens.Cli.Auth;

/// <summary>What <c>runnertokens login</c> remembers: the service, the issuer and client it signed in with, and the token.</summary>
public sealed record CachedToken
{
    public string? Url { get; init; }
    public string? Issuer { get; init; }
    public string? ClientId { get; init; }
    public string? TokenEndpoint { get; init; }
    public string? AccessToken { get; init; }
    public string? RefreshToken { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Usable for another minute at least (a token without expiry is trusted until the service says otherwise).</summary>
    public bool IsFresh(DateTimeOffset now) => AccessToken is not null && (ExpiresAt is null || ExpiresAt > now.AddMinutes(1));
}
