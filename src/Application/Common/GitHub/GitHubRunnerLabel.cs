namespace RunnerTokens.Application.Common.GitHub;

/// <summary>A label on a self-hosted runner.</summary>
/// <param name="Name">The label, for example <c>self-hosted</c>, <c>Linux</c> or a custom <c>gpu</c>.</param>
/// <param name="Type">Read-only (set by GitHub) or custom.</param>
/// <param name="Id">GitHub's label id, when given.</param>
public sealed record GitHubRunnerLabel(string Name, GitHubRunnerLabelType Type, long? Id = null);
