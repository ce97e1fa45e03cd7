namespace RunnerTokens.Application.Common.GitHub;

/// <summary>A self-hosted runner group of an organization.</summary>
/// <param name="Id">GitHub's group id (the default group is usually 1).</param>
/// <param name="Name">The group name.</param>
/// <param name="Visibility"><c>all</c>, <c>selected</c> or <c>private</c>.</param>
/// <param name="IsDefault">True for the organization's default group.</param>
/// <param name="Inherited">True when the group is inherited from the enterprise.</param>
/// <param name="AllowsPublicRepositories">True when public repositories may use it.</param>
public sealed record GitHubRunnerGroup(long Id, string Name, string Visibility, bool IsDefault, bool Inherited, bool AllowsPublicRepositories);
