using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Domain.Audit;

/// <summary>
/// One state-changing operation, written in the same transaction as the change. Events are appended
/// unsealed; a sealer later gives each a sequence number and links it into a SHA-256 hash chain.
/// </summary>
public sealed class AuditEvent : Entity
{
    private AuditEvent(Guid id) : base(id) { }

    public DateTimeOffset OccurredAt { get; private set; }
    public PrincipalKind ActorKind { get; private set; }
    public string ActorId { get; private set; } = string.Empty;
    public string ActorDisplay { get; private set; } = string.Empty;
    public string Action { get; private set; } = string.Empty;
    public string TargetType { get; private set; } = string.Empty;
    public string TargetId { get; private set; } = string.Empty;
    public Guid? TeamId { get; private set; }
    public AuditOutcome Outcome { get; private set; }
    public string DetailsJson { get; private set; } = "{}";
    public string? CorrelationId { get; private set; }
    public string? ClientIp { get; private set; }
    public string? UserAgent { get; private set; }

    /// <summary>Position in the hash chain; null until sealed.</summary>
    public long? Sequence { get; private set; }
    public string? PreviousHash { get; private set; }
    public string? Hash { get; private set; }
    public DateTimeOffset? SealedAt { get; private set; }

    public static AuditEvent Record(
        DateTimeOffset occurredAt,
        AuditActor actor,
        string action,
        string targetType,
        string targetId,
        Guid? teamId,
        AuditOutcome outcome,
        string detailsJson,
        AuditContext context) =>
        new(Guid.CreateVersion7(occurredAt))
        {
            OccurredAt = occurredAt,
            ActorKind = actor.Kind,
            ActorId = actor.Id,
            ActorDisplay = actor.Display,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            TeamId = teamId,
            Outcome = outcome,
            DetailsJson = detailsJson,
            CorrelationId = context.CorrelationId,
            ClientIp = context.ClientIp,
            UserAgent = context.UserAgent,
        };

    /// <summary>Links this event into the chain after <paramref name="previousHash"/>.</summary>
    public void Seal(long sequence, string? previousHash, string hash, DateTimeOffset now)
    {
        if (Sequence is not null)
        {
            throw new InvalidOperationException($"Audit event {Id} is already sealed.");
        }

        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = hash;
        SealedAt = now;
    }
}
