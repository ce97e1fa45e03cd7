namespace RunnerTokens.Application.Common.GitHub;

/// <summary>A registration or remove token (lives one hour). A secret: never log or store it in clear.</summary>
public sealed record GitHubRunnerToken(string Token, DateTimeOffset ExpiresAt)
{
    /// <summary>Keeps the secret out of logs and debugger displays.</summary>
    public override string ToString() => $"GitHubRunnerToken {{ Token = ***, ExpiresAt = {ExpiresAt:O} }}";
}
