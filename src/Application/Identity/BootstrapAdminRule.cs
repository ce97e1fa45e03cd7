using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Identity;

/// <summary>
/// One <c>Authorization:BootstrapAdmins</c> entry: <c>sub:ISSUER|SUBJECT</c> (preferred: a subject is stable and
/// issuer-assigned), <c>email:ISSUER|ADDRESS</c> (an email that issuer marks verified), or <c>email:ADDRESS</c>
/// (a verified email from any issuer configured with <c>TrustEmail</c>). Split at the first <c>|</c>: issuer
/// identifiers never contain one, subjects may.
/// </summary>
/// <param name="Issuer">The issuer of a <c>sub:</c> rule or of a qualified <c>email:</c> rule; null for an unqualified email rule.</param>
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
            var rest = value["email:".Length..];
            var bar = rest.IndexOf('|', StringComparison.Ordinal);
            string? issuer = null;
            if (bar >= 0)
            {
                issuer = rest[..bar].Trim();
                rest = rest[(bar + 1)..];
                if (issuer.Length == 0)
                {
                    return false;
                }
            }

            var email = User.NormalizeEmail(rest);
            if (email is null || !email.Contains('@', StringComparison.Ordinal))
            {
                return false;
            }

            rule = new BootstrapAdminRule(email, issuer, null);
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

    /// <param name="verifiedEmail">The token's email when <c>email_verified</c> is true and no other user holds it.</param>
    /// <param name="issuerTrustsEmail">The token's issuer is configured with <c>TrustEmail</c> (needed by unqualified email rules).</param>
    public bool Matches(string issuer, string subject, string? verifiedEmail, bool issuerTrustsEmail)
    {
        if (Email is null)
        {
            return IssuerIdentifier.AreEqual(Issuer, issuer) && string.Equals(Subject, subject, StringComparison.Ordinal);
        }

        var sameEmail = verifiedEmail is not null && string.Equals(Email, User.NormalizeEmail(verifiedEmail), StringComparison.Ordinal);
        return sameEmail && (Issuer is null ? issuerTrustsEmail : IssuerIdentifier.AreEqual(Issuer, issuer));
    }
}
