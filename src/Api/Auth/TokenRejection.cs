using Microsoft.IdentityModel.Tokens;

namespace RunnerTokens.Api.Auth;

/// <summary>Why a bearer token was refused: a metric tag and a description safe to return (never token content).</summary>
public sealed record TokenRejection(string Reason, string Description)
{
    public static readonly TokenRejection UnknownIssuer = new("unknown_issuer", "The token's issuer is not trusted.");
    public static readonly TokenRejection Malformed = new("malformed", "The bearer token is not a readable JWT.");

    public static TokenRejection From(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => new("expired", "The token has expired."),
        SecurityTokenNotYetValidException => new("not_yet_valid", "The token is not valid yet."),
        SecurityTokenNoExpirationException => new("no_expiration", "The token has no expiry."),
        SecurityTokenInvalidLifetimeException => new("invalid_lifetime", "The token's lifetime is invalid."),
        SecurityTokenInvalidAudienceException => new("invalid_audience", "The token's audience is not accepted."),
        SecurityTokenInvalidIssuerException => new("invalid_issuer", "The token's issuer is not accepted."),
        SecurityTokenInvalidAlgorithmException => new("invalid_algorithm", "The token's signing algorithm is not accepted."),
        SecurityTokenSignatureKeyNotFoundException => new("invalid_signature", "The token's signature is invalid."),
        SecurityTokenInvalidSignatureException => new("invalid_signature", "The token's signature is invalid."),
        SecurityTokenMalformedException => Malformed,
        _ => new("invalid", "The token is invalid."),
    };
}
