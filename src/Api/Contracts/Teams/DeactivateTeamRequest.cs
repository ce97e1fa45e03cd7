namespace RunnerTokens.Api.Contracts.Teams;

/// <summary>Why the team is deactivated (required, at most 1000 characters).</summary>
public sealed record DeactivateTeamRequest(string? Reason);
