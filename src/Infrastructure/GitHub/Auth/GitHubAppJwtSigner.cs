using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RunnerTokens.Infrastructure.GitHub.Auth;

/// <summary>
/// Signs the App JWT (RS256): <c>iat</c> 60 s in the past (clock drift), <c>exp</c> ten minutes after
/// <c>iat</c> (so at most nine ahead of now, under GitHub's ten-minute ceiling), <c>iss</c> the App id and a
/// random <c>jti</c>. A token is reused while at least <see cref="ReuseMargin"/> of it remains.
/// </summary>
internal sealed class GitHubAppJwtSigner(GitHubAppCredentials credentials, TimeProvider timeProvider)
{
    public static readonly TimeSpan IssuedAtSkew = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan ReuseMargin = TimeSpan.FromMinutes(2);

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly Lock _gate = new();
    private (string Jwt, DateTimeOffset ExpiresAt)? _current;
    private SigningCredentials? _signingCredentials;

    /// <summary>A valid App JWT, reused while comfortably valid.</summary>
    public string GetToken()
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (_current is { } current && current.ExpiresAt - now >= ReuseMargin)
            {
                return current.Jwt;
            }

            var issuedAt = now - IssuedAtSkew;
            var expiresAt = issuedAt + Lifetime;
            _signingCredentials ??= new SigningCredentials(
                new RsaSecurityKey(credentials.Key)
                {
                    // IdentityModel's shared provider cache is keyed by key material and would outlive this key.
                    CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
                },
                SecurityAlgorithms.RsaSha256);
            var descriptor = new SecurityTokenDescriptor
            {
                Issuer = credentials.AppId,
                IssuedAt = issuedAt.UtcDateTime,
                Expires = expiresAt.UtcDateTime,
                Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N") },
                SigningCredentials = _signingCredentials,
            };
            var jwt = _handler.CreateToken(descriptor);
            _current = (jwt, expiresAt);
            return jwt;
        }
    }

    /// <summary>Drops the cached JWT (after GitHub rejected it).</summary>
    public void Invalidate(string jwt)
    {
        lock (_gate)
        {
            if (_current is { } current && string.Equals(current.Jwt, jwt, StringComparison.Ordinal))
            {
                _current = null;
            }
        }
    }
}
