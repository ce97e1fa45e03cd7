namespace RunnerTokens.Application.Common.GitHub;

/// <summary>GitHub's label types: read-only labels are applied by GitHub (self-hosted, OS, architecture).</summary>
public enum GitHubRunnerLabelType
{
    ReadOnly,
    Custom,
}
