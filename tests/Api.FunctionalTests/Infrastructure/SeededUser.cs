namespace RunnerTokens.Api.FunctionalTests.Infrastructure;

/// <summary>A user put in the database by <see cref="SeedingExtensions.SeedUserAsync"/>, who can mint their own token.</summary>
public sealed record SeededUser(Guid Id, TestIssuer Issuer, string Subject, string Email, string DisplayName)
{
    /// <summary>A fresh signed token for this user (same issuer, subject, email and name as seeded).</summary>
    public string Token() => Issuer.UserToken(Subject, Email, DisplayName);
}
