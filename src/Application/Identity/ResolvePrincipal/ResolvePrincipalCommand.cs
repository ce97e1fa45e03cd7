using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Identity.ResolvePrincipal;

/// <summary>
/// Turns the facts of an already validated token into the caller of the request. Runs on every
/// authenticated request. A command because it writes: last-seen, first sign-in (binding an identity),
/// bootstrap admins, provisioning, consumed single-use token ids and security events on refusals.
/// </summary>
/// <param name="Issuer">The token's <c>iss</c>.</param>
/// <param name="Subject">The token's <c>sub</c>.</param>
/// <param name="Email">The <c>email</c> claim, if any.</param>
/// <param name="EmailVerified">The <c>email_verified</c> claim; false keeps the email from binding or bootstrapping anything.</param>
/// <param name="DisplayName">The <c>name</c> (else <c>preferred_username</c>) claim.</param>
/// <param name="TokenId">The <c>jti</c> claim.</param>
/// <param name="AcceptableUntil">The token's expiry plus the allowed clock skew; null without <c>exp</c>.</param>
/// <param name="Claims">Every claim of the token (type, value), for machine-identity claim conditions.</param>
public sealed record ResolvePrincipalCommand(
    string Issuer,
    string Subject,
    string? Email,
    bool? EmailVerified,
    string? DisplayName,
    string? TokenId,
    DateTimeOffset? AcceptableUntil,
    IReadOnlyList<KeyValuePair<string, string>> Claims) : ICommand<Result<CallerPrincipal>>
{
    /// <summary>The email when it may be trusted for binding and bootstrap: present and not marked unverified.</summary>
    public string? TrustedEmail => EmailVerified == false || string.IsNullOrWhiteSpace(Email) ? null : Email;

    public IEnumerable<string> ClaimValues(string type) =>
        Claims.Where(c => string.Equals(c.Key, type, StringComparison.Ordinal)).Select(c => c.Value);
}
