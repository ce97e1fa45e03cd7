using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Identity;

/// <summary>
/// How tokens become principals. Filled by the host from <c>Authentication:AutoProvisionUsers</c>,
/// <c>Authorization:BootstrapAdmins</c> and the configured issuers.
/// </summary>
public sealed class PrincipalOptions
{
    /// <summary>Create an active, non-admin user for a valid token from an unknown person (issuers whose purpose includes users).</summary>
    public bool AutoProvisionUsers { get; set; }

    /// <summary>Parsed <c>Authorization:BootstrapAdmins</c> entries.</summary>
    public IList<BootstrapAdminRule> BootstrapAdmins { get; } = [];

    /// <summary>The trusted issuers; users and machine identities may only name these.</summary>
    public IList<IssuerTrust> Issuers { get; } = [];

    public bool IsTrustedIssuer(string? issuer) => FindIssuer(issuer) is not null;

    /// <summary>The trust settings of <paramref name="issuer"/>, or null when it is not a trusted issuer.</summary>
    public IssuerTrust? FindIssuer(string? issuer) =>
        issuer is null ? null : Issuers.FirstOrDefault(t => IssuerIdentifier.AreEqual(t.Issuer, issuer));
}
