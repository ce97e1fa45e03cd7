namespace RunnerTokens.Domain.Identity;

/// <summary>
/// The one rule for comparing issuer identifiers (a token's <c>iss</c>, a configured issuer, one an admin typed):
/// ordinal, ignoring one trailing slash, because configuration and issuers often differ exactly there
/// (<c>https://login.example/</c> and <c>https://login.example</c>). Only one: <c>https://login.example//</c> is
/// another issuer.
/// </summary>
public static class IssuerIdentifier
{
    /// <summary>The form issuers are compared in: without one trailing slash.</summary>
    public static string Key(string issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return issuer.EndsWith('/') ? issuer[..^1] : issuer;
    }

    public static bool AreEqual(string? first, string? second) =>
        first is not null && second is not null && string.Equals(Key(first), Key(second), StringComparison.Ordinal);

    /// <summary>The two stored spellings equal to <paramref name="issuer"/>, for database queries (<c>column == a || column == b</c>).</summary>
    public static (string Bare, string WithSlash) Spellings(string issuer)
    {
        var bare = Key(issuer);
        return (bare, bare + "/");
    }
}
