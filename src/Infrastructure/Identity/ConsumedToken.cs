namespace RunnerTokens.Infrastructure.Identity;

/// <summary>
/// A single-use token that was accepted. The key is a SHA-256 of issuer and <c>jti</c>, so the primary key
/// has a fixed, index-friendly size on every provider; the row can go once the token has expired.
/// </summary>
internal sealed class ConsumedToken
{
    private ConsumedToken() { }

    public ConsumedToken(string key, DateTimeOffset acceptableUntil, DateTimeOffset consumedAt)
    {
        Key = key;
        AcceptableUntil = acceptableUntil;
        ConsumedAt = consumedAt;
    }

    public string Key { get; private set; } = string.Empty;
    public DateTimeOffset AcceptableUntil { get; private set; }
    public DateTimeOffset ConsumedAt { get; private set; }
}
