namespace RunnerTokens.Application.Common.Security;

/// <summary>What a principal may do in one team.</summary>
public enum TeamAccessLevel
{
    /// <summary>A machine identity acting for the team: provisions and manages runners only.</summary>
    Machine,
    Member,
    Maintainer,
}

public sealed record TeamAccess(Guid TeamId, string TeamName, TeamAccessLevel Level);
