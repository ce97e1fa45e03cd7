namespace RunnerTokens.Domain.Teams;

/// <summary>A user's membership of a team.</summary>
public sealed class TeamMembership
{
    private TeamMembership() { }

    public Guid TeamId { get; private set; }
    public Guid UserId { get; private set; }
    public TeamRole Role { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }

    public static TeamMembership Create(Guid teamId, Guid userId, TeamRole role, DateTimeOffset now) =>
        new() { TeamId = teamId, UserId = userId, Role = role, AddedAt = now };

    public void ChangeRole(TeamRole role) => Role = role;
}
