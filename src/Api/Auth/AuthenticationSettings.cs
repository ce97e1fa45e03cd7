namespace RunnerTokens.Api.Auth;

/// <summary>The <c>Authentication</c> configuration section.</summary>
public sealed class AuthenticationSettings
{
    public const string SectionName = "Authentication";

    /// <summary>The trusted token issuers; one bearer scheme each.</summary>
    public List<IssuerSettings> Issuers { get; set; } = [];

    /// <summary>Create an active, non-admin user on the first valid token of an unknown person.</summary>
    public bool AutoProvisionUsers { get; set; }
}
