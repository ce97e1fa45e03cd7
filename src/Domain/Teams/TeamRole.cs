namespace RunnerTokens.Domain.Teams;

/// <summary>A user's role in a team. Maintainers manage members and machine identities; members manage runners.</summary>
public enum TeamRole
{
    Member,
    Maintainer,
}
