namespace RunnerTokens.Web.Security;

/// <summary>
/// The <c>Dashboard</c> section: the OpenID Connect client the dashboard signs people in with. Without
/// <see cref="Authority"/>, Development offers its own sign-in page instead (and other environments refuse to start
/// the dashboard's sign-in).
/// </summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>The OpenID provider's issuer URL (its discovery document is read from here).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Optional: public clients use PKCE alone.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Requested scopes besides <c>openid</c>; default <c>profile email</c>.</summary>
    public string[] Scopes { get; set; } = ["profile", "email"];

    /// <summary>Only for a provider on plain HTTP in tests and local setups.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Development only: seed the demo teams, users and runners on start-up.</summary>
    public bool DemoSeed { get; set; } = true;
}
