using System.Globalization;
using System.Security.Claims;
using RunnerTokens.Application.Identity.ResolvePrincipal;

namespace RunnerTokens.Api.Auth;

/// <summary>Reads what principal resolution needs from a validated token's claims (names kept as issued).</summary>
internal static class TokenFacts
{
    /// <summary>The command resolving this caller, or null when the token lacks an issuer or subject.</summary>
    public static ResolvePrincipalCommand? ToCommand(ClaimsPrincipal user, TimeSpan clockSkew)
    {
        var issuer = user.FindFirstValue("iss") ?? user.Claims.FirstOrDefault()?.Issuer;
        var subject = user.FindFirstValue("sub");
        if (string.IsNullOrEmpty(issuer) || string.IsNullOrEmpty(subject))
        {
            return null;
        }

        DateTimeOffset? acceptableUntil = long.TryParse(user.FindFirstValue("exp"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp) + clockSkew
            : null;
        bool? emailVerified = bool.TryParse(user.FindFirstValue("email_verified"), out var verified) ? verified : null;
        return new ResolvePrincipalCommand(
            issuer,
            subject,
            user.FindFirstValue("email"),
            emailVerified,
            user.FindFirstValue("name") ?? user.FindFirstValue("preferred_username"),
            user.FindFirstValue("jti"),
            acceptableUntil,
            [.. user.Claims.Select(c => new KeyValuePair<string, string>(c.Type, c.Value))]);
    }
}
