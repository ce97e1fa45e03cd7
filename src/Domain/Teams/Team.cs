using RunnerTokens.Domain.Common;

namespace RunnerTokens.Domain.Teams;

/// <summary>The unit of authorization: owns a label policy, a quota, members and machine identities.</summary>
public sealed class Team : Entity
{
    private Team(Guid id) : base(id) { }

    public string Name { get; private set; } = string.Empty;
    public string Description { get; private set; } = string.Empty;
    public string Organization { get; private set; } = string.Empty;
    public bool IsActive { get; private set; }
    public string? DeactivationReason { get; private set; }
    public DateTimeOffset? DeactivatedAt { get; private set; }
    public string? DeactivatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Team Create(string name, string description, string organization, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now))
        {
            Name = name,
            Description = description,
            Organization = organization,
            IsActive = true,
            CreatedAt = now,
        };
}
