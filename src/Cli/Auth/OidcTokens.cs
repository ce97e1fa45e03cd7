using System.Text.Json.Serialization;

namespace RunnerTokens.Cli.Auth;

/// <summary>A token endpoint's answer (RFC 6749 section 5.1).</summary>
public sealed record OidcTokens(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken);
