namespace RunnerTokens.Web.Security;

/// <summary>A seeded person the Development sign-in page lets you act as.</summary>
public sealed record DevelopmentPersona(string Key, string Subject, string DisplayName, string Email, bool IsAdmin)
{
    /// <summary>The issuer of Development sign-ins; trusted only in Development.</summary>
    public const string Issuer = "https://dev-signin.runnertokens.local";

    public static readonly DevelopmentPersona Admin = new("admin", "demo-admin", "Ada Admin", "ada.admin@demo.local", IsAdmin: true);

    public static readonly DevelopmentPersona Member = new("member", "demo-member", "Max Member", "max.member@demo.local", IsAdmin: false);

    public static IReadOnlyList<DevelopmentPersona> All { get; } = [Admin, Member];
}
