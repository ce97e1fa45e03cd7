namespace RunnerTokens.Application.Common.GitHub;

/// <summary>What deleting a runner found.</summary>
public enum GitHubRunnerDeletion
{
    /// <summary>204: GitHub removed the runner.</summary>
    Deleted,

    /// <summary>404: the runner was already gone (removed by GitHub, by its own exit, or earlier).</summary>
    AlreadyGone,
}
