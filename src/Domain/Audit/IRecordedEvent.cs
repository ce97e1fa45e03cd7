namespace RunnerTokens.Domain.Audit;

/// <summary>What audit and security events have in common: when, who and which team. Lets one listing serve both.</summary>
public interface IRecordedEvent
{
    DateTimeOffset OccurredAt { get; }

    string? ActorId { get; }

    Guid? TeamId { get; }
}
