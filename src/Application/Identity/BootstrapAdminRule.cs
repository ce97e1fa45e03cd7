using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Identity;

/// <summary>
/// One <c>Authorization:BootstrapAdmins</c> entry: <c>email:alice@example.com</c> or <c>sub:ISSUER|SUBJECT</c>
/// (split at the first <c>|</c>: issuer identifiers never contain one, subjects may).
/// </summary>
public sealed record BootstrapAdminRule(string? Email, string? Issuer, string? Subject)
{
    public static bool TryParse(string? text, out BootstrapAdminRule rule)
    {
        rule = new BootstrapAdminRule(null, null, null);
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var value = text.Trim();
        if (value.StartsWith("email:", StringComparison.OrdinalIgnoreCase))
        {
            var email = User.NormalizeEmail(value["email:".Length..]);
            if (email is null || !email.Contains('@', StringComparison.Ordinal))
            {
                return false;
            }

            rule = new BootstrapAdminRule(email, null, null);
            return true;
        }

        if (value.StartsWith("sub:", StringComparison.OrdinalIgnoreCase))
        {
            var pair = value["sub:".Length..];
            var bar = pair.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0 || bar == pair.Length - 1)
            {
                return false;
            }

            rule = new BootstrapAdminRule(null, pair[..bar], pair[(bar + 1)..]);
            return true;
        }

        return false;
    }

    /// <param name="verifiedEmail">The token's email, only when the issuer did not mark it unverified and no other user holds it.</param>
    public bool Matches(string issuer, string subject, string? verifiedEmail) =>
        Email is not null
            ? verifiedEmail is not null && string.Equals(Email, User.NormalizeEmail(verifiedEmail), StringComparison.Ordinal)
            : PrincipalOptions.IssuersEqual(Issuer!, issuer) && string.Equals(Subject, subject, StringComparison.Ordinal);
}
