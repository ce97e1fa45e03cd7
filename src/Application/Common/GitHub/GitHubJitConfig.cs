namespace RunnerTokens.Application.Common.GitHub;

/// <summary>
/// A just-in-time runner configuration. <see cref="EncodedJitConfig"/> is a secret: hand it to the caller
/// once, never log or store it (store a SHA-256 fingerprint if needed).
/// </summary>
public sealed record GitHubJitConfig(GitHubRunner Runner, string EncodedJitConfig)
{
    /// <summary>Keeps the secret out of logs and debugger displays.</summary>
    public override string ToString() => $"GitHubJitConfig {{ Runner = {Runner.Id}/{Runner.Name}, EncodedJitConfig = *** }}";
}
