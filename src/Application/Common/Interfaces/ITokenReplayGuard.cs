namespace RunnerTokens.Application.Common.Interfaces;

/// <summary>
/// Remembers token ids (<c>jti</c>) of single-use tokens until they expire, in storage shared by every
/// replica, so that a token is accepted at most once.
/// </summary>
public interface ITokenReplayGuard
{
    /// <summary>
    /// Records the token id; true the first time it is seen, false when it was already used and has not
    /// expired yet (a replay). Safe against concurrent callers: exactly one of them gets true.
    /// </summary>
    /// <param name="acceptableUntil">The last moment the token itself could still be accepted (expiry plus clock skew).</param>
    Task<bool> TryConsumeAsync(string issuer, string tokenId, DateTimeOffset acceptableUntil, CancellationToken cancellationToken);
}
