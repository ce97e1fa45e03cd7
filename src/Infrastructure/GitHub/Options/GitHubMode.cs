namespace RunnerTokens.Infrastructure.GitHub.Options;

/// <summary>Where <c>GitHub:Mode</c> sends the GitHub client.</summary>
public enum GitHubMode
{
    /// <summary>The real GitHub (or GitHub Enterprise Server) at <c>GitHub:ApiBaseUrl</c>, authenticated as the App.</summary>
    GitHub,

    /// <summary>
    /// The in-memory GitHub (project RunnerTokens.GitHub.Simulator, registered by the host) behind the real client.
    /// Default in Development.
    /// </summary>
    Simulator,
}
