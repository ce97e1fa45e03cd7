namespace RunnerTokens.Infrastructure.GitHub.Auth;

/// <summary>An installation token (a secret: never logged, never stored; its format changes, so no length is assumed).</summary>
internal sealed record InstallationAccessToken(string Value, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"InstallationAccessToken {{ Value = ***, ExpiresAt = {ExpiresAt:O} }}";
}
