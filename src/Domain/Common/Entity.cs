namespace RunnerTokens.Domain.Common;

/// <summary>Base for entities identified by a <see cref="Guid"/> (version 7: time-ordered, index-friendly).</summary>
public abstract class Entity
{
    protected Entity(Guid id) => Id = id;

    public Guid Id { get; private set; }
}
