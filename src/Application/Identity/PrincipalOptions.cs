namespace RunnerTokens.Application.Identity;

/// <summary>
/// How tokens become principals. Filled by the host from <c>Authentication:AutoProvisionUsers</c>,
/// <c>Authorization:BootstrapAdmins</c> and the configured issuers.
/// </summary>
public sealed class PrincipalOptions
{
    /// <summary>Create an active, non-admin user for a valid token from an unknown person.</summary>
    public bool AutoProvisionUsers { get; set; }

    /// <summary>Parsed <c>Authorization:BootstrapAdmins</c> entries.</summary>
    public IList<BootstrapAdminRule> BootstrapAdmins { get; } = [];

    /// <summary>The <c>iss</c> values of the trusted issuers; users and machine identities may only name these.</summary>
    public IList<string> TrustedIssuers { get; } = [];

    public bool IsTrustedIssuer(string? issuer) =>
        issuer is not null && TrustedIssuers.Any(t => IssuersEqual(t, issuer));

    /// <summary>Issuer identifiers compare ordinally, ignoring one trailing slash (configuration often differs there).</summary>
    public static bool IssuersEqual(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.Ordinal);
}
