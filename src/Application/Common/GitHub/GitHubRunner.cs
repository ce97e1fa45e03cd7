namespace RunnerTokens.Application.Common.GitHub;

/// <summary>A self-hosted runner as GitHub reports it.</summary>
/// <param name="Id">GitHub's numeric runner id.</param>
/// <param name="Name">The runner name.</param>
/// <param name="Os">The operating system GitHub reports (for example <c>linux</c>).</param>
/// <param name="Status"><c>online</c> or <c>offline</c> (GitHub's wording, kept as is).</param>
/// <param name="Busy">True while the runner executes a job.</param>
/// <param name="Labels">Read-only and custom labels.</param>
/// <param name="RunnerGroupId">The runner group, when reported.</param>
/// <param name="Ephemeral">True for ephemeral/JIT runners, when reported.</param>
public sealed record GitHubRunner(
    long Id,
    string Name,
    string Os,
    string Status,
    bool Busy,
    IReadOnlyList<GitHubRunnerLabel> Labels,
    long? RunnerGroupId = null,
    bool? Ephemeral = null)
{
    public bool IsOnline => string.Equals(Status, "online", StringComparison.OrdinalIgnoreCase);
}
