namespace RunnerTokens.Web.Security;

/// <summary>The dashboard's authentication schemes and authorization policy (the API keeps its bearer schemes).</summary>
public static class DashboardSchemes
{
    public const string Cookie = "Dashboard.Cookie";
    public const string OpenIdConnect = "Dashboard.Oidc";
    public const string Policy = "Dashboard";
}
