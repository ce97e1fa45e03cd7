namespace RunnerTokens.Api.Contracts.Teams;

/// <summary>The editable fields of a team. An empty description clears it.</summary>
public sealed record UpdateTeamRequest(string? Description);
