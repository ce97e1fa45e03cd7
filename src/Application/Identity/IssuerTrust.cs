using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Identity;

/// <summary>What the service believes of one trusted issuer's tokens (from <c>Authentication:Issuers:N</c>).</summary>
/// <param name="Issuer">The <c>iss</c> value its tokens carry.</param>
/// <param name="Purpose">Which principals its tokens may become.</param>
/// <param name="TrustEmail">Whether its verified emails identify people (binding, <c>email:</c> bootstrap rules).</param>
/// <param name="RequiredClaimConditions">Claims every machine identity of this issuer must have a condition on.</param>
/// <param name="EmailVerifiedWithoutClaim">
/// Read a missing <c>email_verified</c> as true. Only the Development <c>dotnet user-jwts</c> scheme, whose tokens
/// the developer mints on their own machine (it cannot write that claim as a boolean).
/// </param>
public sealed record IssuerTrust(
    string Issuer,
    IssuerPurpose Purpose = IssuerPurpose.Both,
    bool TrustEmail = false,
    IReadOnlyList<string>? RequiredClaimConditions = null,
    bool EmailVerifiedWithoutClaim = false)
{
    /// <summary>An issuer that authentication accepted but configuration does not describe: the defaults.</summary>
    public static IssuerTrust Default(string issuer) => new(issuer);

    /// <summary>The token's email when it is verified (<c>email_verified</c> true), whatever <see cref="TrustEmail"/> says.</summary>
    public string? VerifiedEmail(string? email, bool? emailVerified) =>
        string.IsNullOrWhiteSpace(email) || !(emailVerified ?? EmailVerifiedWithoutClaim) ? null : email;

    /// <summary>The token's email when it may identify a person: the issuer trusts emails and this one is verified.</summary>
    public string? TrustedEmail(string? email, bool? emailVerified) =>
        TrustEmail ? VerifiedEmail(email, emailVerified) : null;

    public bool AllowsUsers => Purpose != IssuerPurpose.Machines;

    public bool AllowsMachines => Purpose != IssuerPurpose.Users;

    public IReadOnlyList<string> RequiredClaims => RequiredClaimConditions ?? [];
}
