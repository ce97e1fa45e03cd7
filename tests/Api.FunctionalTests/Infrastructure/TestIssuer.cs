using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RunnerTokens.Api.FunctionalTests.Infrastructure;

/// <summary>
/// A local OpenID Connect issuer for tests: it publishes a real discovery document and JWKS (served by
/// <see cref="TestIssuerServer"/>) and mints real RS256-signed JWTs with its private key. Also makes the
/// forged tokens that the service must refuse (unsigned, HMAC with the public key, foreign key, expired).
/// </summary>
public sealed class TestIssuer
{
    private readonly object _gate = new();
    private readonly List<RsaSecurityKey> _published = [];
    private RsaSecurityKey _signingKey;
    private int _discoveryRequests;
    private int _jwksRequests;

    internal TestIssuer(string name, string authority, string defaultAudience)
    {
        Name = name;
        Authority = authority;
        DefaultAudience = defaultAudience;
        _signingKey = NewKey(name);
        _published.Add(_signingKey);
    }

    /// <summary>Short name: the path segment it is served under and the configured issuer name.</summary>
    public string Name { get; }

    /// <summary>Base URL, and also the <c>iss</c> its tokens carry.</summary>
    public string Authority { get; }

    public string IssuerId => Authority;

    /// <summary>The <c>aud</c> its tokens carry unless a test passes another one.</summary>
    public string DefaultAudience { get; }

    /// <summary>How often the service fetched the discovery document / the key set (to prove caching).</summary>
    public int DiscoveryRequests => Volatile.Read(ref _discoveryRequests);

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    public string CurrentKeyId => _signingKey.KeyId;

    /// <summary>
    /// A signed token. Standard claims (<c>iss</c>, <c>sub</c>, <c>aud</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c>,
    /// <c>jti</c>) are filled in; <paramref name="claims"/> adds or overrides any claim (string, number, bool,
    /// or string array values).
    /// </summary>
    /// <param name="lifetime">From <paramref name="issuedAt"/>; default 10 minutes.</param>
    /// <param name="jti">Token id; a fresh GUID by default; pass <see cref="NoJti"/> to leave it out.</param>
    public string CreateToken(
        string subject,
        IReadOnlyDictionary<string, object>? claims = null,
        string? audience = null,
        TimeSpan? lifetime = null,
        DateTimeOffset? issuedAt = null,
        string? jti = null,
        string algorithm = SecurityAlgorithms.RsaSha256) =>
        Sign(Payload(subject, claims, audience, lifetime, issuedAt, jti), new SigningCredentials(_signingKey, algorithm));

    /// <summary>Pass as <c>jti</c> to mint a token without a <c>jti</c> claim.</summary>
    public const string NoJti = "\0no-jti";

    /// <summary>A person's token, as an OIDC provider issues it.</summary>
    public string UserToken(string subject, string? email = null, string? name = null, IReadOnlyDictionary<string, object>? extraClaims = null,
        string? audience = null, string? jti = null)
    {
        var claims = new Dictionary<string, object>(extraClaims ?? new Dictionary<string, object>());
        if (email is not null)
        {
            claims.TryAdd("email", email);
            claims.TryAdd("email_verified", true);
        }

        if (name is not null)
        {
            claims.TryAdd("name", name);
        }

        return CreateToken(subject, claims, audience, jti: jti);
    }

    /// <summary>An OAuth client-credentials token: <c>sub</c>, <c>azp</c> and <c>client_id</c> are the client id; no email.</summary>
    public string ClientCredentialsToken(string clientId, IReadOnlyDictionary<string, object>? extraClaims = null, string? audience = null, string? jti = null)
    {
        var claims = new Dictionary<string, object>(extraClaims ?? new Dictionary<string, object>())
        {
            ["azp"] = clientId,
            ["client_id"] = clientId,
        };
        return CreateToken(clientId, claims, audience, jti: jti);
    }

    /// <summary>A GitHub Actions OIDC token with the real claim names (see <see cref="GitHubActionsClaims"/>).</summary>
    public string GitHubActionsToken(GitHubActionsClaims actions, string? audience = null, string? jti = null, TimeSpan? lifetime = null) =>
        CreateToken(actions.Subject, actions.ToClaims(), audience, lifetime, jti: jti);

    /// <summary>Signed properly, but expired <paramref name="ago"/> (default 10 minutes, beyond any clock skew).</summary>
    public string ExpiredToken(string subject, TimeSpan? ago = null)
    {
        var expiredAt = DateTimeOffset.UtcNow - (ago ?? TimeSpan.FromMinutes(10));
        return CreateToken(subject, issuedAt: expiredAt - TimeSpan.FromMinutes(10), lifetime: TimeSpan.FromMinutes(10));
    }

    /// <summary><c>alg: none</c>, no signature.</summary>
    public string UnsignedToken(string subject)
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode(JsonSerializer.Serialize(Payload(subject, null, null, null, null, null)));
        return $"{header}.{payload}.";
    }

    /// <summary>
    /// The classic key-confusion forgery: HS256 with the issuer's public key (as published, PEM) as the
    /// shared secret, and the real key id in the header.
    /// </summary>
    public string HmacTokenSignedWithPublicKey(string subject)
    {
        using var rsa = RSA.Create();
        rsa.ImportParameters(_signingKey.Rsa.ExportParameters(false));
        var secret = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(rsa.ExportSubjectPublicKeyInfoPem())) { KeyId = _signingKey.KeyId };
        return Sign(Payload(subject, null, null, null, null, null), new SigningCredentials(secret, SecurityAlgorithms.HmacSha256));
    }

    /// <summary>RS256 with a key this issuer never published, under the real key id.</summary>
    public string TokenSignedByForeignKey(string subject)
    {
        var foreign = NewKey(Name);
        var impostor = new RsaSecurityKey(foreign.Rsa) { KeyId = _signingKey.KeyId };
        return Sign(Payload(subject, null, null, null, null, null), new SigningCredentials(impostor, SecurityAlgorithms.RsaSha256));
    }

    /// <summary>Starts signing with a new key (new key id); the JWKS publishes old and new.</summary>
    public void RotateSigningKey()
    {
        lock (_gate)
        {
            _signingKey = NewKey(Name);
            _published.Add(_signingKey);
        }
    }

    internal object DiscoveryDocument()
    {
        Interlocked.Increment(ref _discoveryRequests);
        return new Dictionary<string, object>
        {
            ["issuer"] = IssuerId,
            ["jwks_uri"] = Authority + "/jwks",
            ["authorization_endpoint"] = Authority + "/authorize",
            ["token_endpoint"] = Authority + "/token",
            ["response_types_supported"] = new[] { "code", "id_token" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        };
    }

    internal object Jwks()
    {
        Interlocked.Increment(ref _jwksRequests);
        lock (_gate)
        {
            return new
            {
                keys = _published.Select(key =>
                {
                    var parameters = key.Rsa.ExportParameters(false);
                    return new Dictionary<string, string>
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["alg"] = "RS256",
                        ["kid"] = key.KeyId,
                        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    };
                }).ToArray(),
            };
        }
    }

    private Dictionary<string, object> Payload(
        string subject, IReadOnlyDictionary<string, object>? claims, string? audience, TimeSpan? lifetime, DateTimeOffset? issuedAt, string? jti)
    {
        var iat = issuedAt ?? DateTimeOffset.UtcNow;
        var payload = new Dictionary<string, object>
        {
            ["iss"] = IssuerId,
            ["sub"] = subject,
            ["aud"] = audience ?? DefaultAudience,
            ["iat"] = iat.ToUnixTimeSeconds(),
            ["nbf"] = iat.ToUnixTimeSeconds(),
            ["exp"] = (iat + (lifetime ?? TimeSpan.FromMinutes(10))).ToUnixTimeSeconds(),
        };
        if (jti != NoJti)
        {
            payload["jti"] = jti ?? Guid.NewGuid().ToString("N");
        }

        foreach (var (type, value) in claims ?? new Dictionary<string, object>())
        {
            payload[type] = value;
        }

        return payload;
    }

    private static string Sign(Dictionary<string, object> payload, SigningCredentials credentials)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = payload,
            SigningCredentials = credentials,
        });
    }

    private static RsaSecurityKey NewKey(string issuerName) =>
        new(RSA.Create(2048)) { KeyId = $"{issuerName}-{Guid.NewGuid():N}"[..Math.Min(issuerName.Length + 13, 60)] };

    public override string ToString() => $"{Name} ({Authority})";
}
