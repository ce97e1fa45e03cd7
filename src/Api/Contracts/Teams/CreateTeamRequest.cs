namespace RunnerTokens.Api.Contracts.Teams;

/// <summary>A new team. Without a policy, version 1 is the default policy (no labels beyond GitHub's, default group, no quota).</summary>
/// <param name="Name">Slug: 2-63 lowercase letters, digits and hyphens, starting and ending with a letter or digit.</param>
/// <param name="Organization">The GitHub organization the team provisions into; one of the configured ones when any are configured.</param>
public sealed record CreateTeamRequest(string Name, string? Description, string Organization, LabelPolicyRequest? Policy);
