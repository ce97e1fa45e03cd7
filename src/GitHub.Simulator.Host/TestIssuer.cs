using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RunnerTokens.GitHub.Simulator.Host;

/// <summary>
/// A throwaway OpenID Connect issuer under <c>/_issuer</c>: discovery, JWKS and an RS256 token for any subject,
/// so the service authenticates bench and soak traffic exactly as it does a real issuer's (asymmetric signature,
/// issuer, audience, lifetime). The key lives in memory for the life of the process. Loopback only, never deployed.
/// </summary>
internal sealed class TestIssuer : IDisposable
{
    private const string KeyId = "simulator-host";
    private readonly RSA _key = RSA.Create(2048);

    public void Dispose() => _key.Dispose();

    public object Jwks()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        return new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64Url(parameters.Modulus!), e = Base64Url(parameters.Exponent!) },
            },
        };
    }

    /// <summary>A compact RS256 JWT.</summary>
    public string Issue(string issuer, string audience, string subject, string? email, string? name, TimeSpan lifetime)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = KeyId });
        var claims = new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = subject,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + (long)lifetime.TotalSeconds,
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (email is not null)
        {
            claims["email"] = email;
            claims["email_verified"] = true;
        }

        if (name is not null)
        {
            claims["name"] = name;
        }

        var signingInput = Base64Url(header) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>The <see cref="TestIssuer"/> endpoints.</summary>
internal static class TestIssuerEndpoints
{
    public static void MapTestIssuer(this IEndpointRouteBuilder app)
    {
        var issuer = app.MapGroup("/_issuer");
        issuer.MapGet("/.well-known/openid-configuration", (HttpRequest request) =>
        {
            var root = IssuerUrl(request);
            return Results.Ok(new { issuer = root, jwks_uri = root + "/jwks", id_token_signing_alg_values_supported = new[] { "RS256" } });
        });
        issuer.MapGet("/jwks", (TestIssuer keys) => Results.Ok(keys.Jwks()));

        // GET /_issuer/token?sub=alice&email=alice@example.test&aud=runnertokens&name=Alice&minutes=120
        issuer.MapGet("/token", (HttpRequest request, TestIssuer keys, string sub, string aud, string? email, string? name, int? minutes) =>
            Results.Text(keys.Issue(IssuerUrl(request), aud, sub, email, name, TimeSpan.FromMinutes(Math.Clamp(minutes ?? 120, 1, 24 * 60)))));
    }

    private static string IssuerUrl(HttpRequest request) => request.Scheme + "://" + request.Host.ToUriComponent() + "/_issuer";
}
