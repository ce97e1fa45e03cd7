namespace RunnerTokens.Domain.Identity;

/// <summary>Which principals a trusted issuer's tokens may become (<c>Authentication:Issuers:N:Purpose</c>).</summary>
public enum IssuerPurpose
{
    /// <summary>Users and machine identities (the default, so existing configurations keep working).</summary>
    Both,

    /// <summary>Users only: no machine identity may name this issuer.</summary>
    Users,

    /// <summary>Machine identities only: its tokens never become users (no binding, bootstrap or provisioning).</summary>
    Machines,
}
