using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Domain.Audit;

/// <summary>
/// One state-changing operation, written in the same transaction as the change. Events are appended
/// unsealed with an insert MAC under the current chain key; a sealer later checks that MAC, gives each a
/// sequence number and links it into the keyed (HMAC-SHA256) chain.
/// </summary>
public sealed class AuditEvent : Entity, IRecordedEvent
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

    /// <summary>The chain key that authenticates this event (insert MAC, then chain hash); null on legacy events.</summary>
    public string? KeyId { get; private set; }

    /// <summary>HMAC of the content written at insert time: proves the application, not a database user, wrote the row.</summary>
    public string? InsertMac { get; private set; }

    /// <summary>When the sealer refused to seal this event (its insert MAC was wrong: written behind the service's back).</summary>
    public DateTimeOffset? RejectedAt { get; private set; }

    /// <summary>
    /// Records an event. The time is kept in UTC at whole-millisecond precision, which every supported
    /// database stores exactly: the hash is computed from stored values, so nothing may be rounded later.
    /// </summary>
    public static AuditEvent Record(
        DateTimeOffset occurredAt,
        AuditActor actor,
        string action,
        string targetType,
        string targetId,
        Guid? teamId,
        AuditOutcome outcome,
        string detailsJson,
        AuditContext context,
        AuditChainKey key)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(key);
        var at = AuditTime.Normalize(occurredAt);
        var e = new AuditEvent(Guid.CreateVersion7(at))
        {
            OccurredAt = at,
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
            KeyId = key.Id,
        };
        e.InsertMac = AuditChain.ComputeInsertMac(key, e.ToContent());
        return e;
    }

    /// <summary>Whether the insert MAC is the one the named key gives for the current content.</summary>
    public bool HasAuthenticInsertMac(AuditChainKeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var key = keys.Find(KeyId);
        return key is not null && AuditChain.IsInsertMac(key, ToContent(), InsertMac);
    }

    /// <summary>Marks an event the sealer refused (see <see cref="RejectedAt"/>); it stays unsealed and is reported.</summary>
    public void Reject(DateTimeOffset now)
    {
        if (Sequence is not null)
        {
            throw new InvalidOperationException($"Audit event {Id} is sealed; it cannot be rejected.");
        }

        RejectedAt ??= AuditTime.Normalize(now);
    }

    /// <summary>The fields the hash chain protects.</summary>
    public AuditEventContent ToContent() => new(
        Id, OccurredAt, ActorKind, ActorId, ActorDisplay, Action, TargetType, TargetId, TeamId, Outcome,
        DetailsJson, CorrelationId, ClientIp, UserAgent);

    /// <summary>This event as a link of the chain, for verification; null while unsealed.</summary>
    public AuditChainLink? ToChainLink() =>
        Sequence is { } sequence ? new AuditChainLink(sequence, PreviousHash, Hash, ToContent(), KeyId) : null;

    /// <summary>
    /// Links this event into the chain at <paramref name="sequence"/>, after the event whose hash is
    /// <paramref name="previousHash"/> (null for the first event), with the key its id names, and returns
    /// its hash. Only an event with an authentic insert MAC can be sealed.
    /// </summary>
    public string Seal(long sequence, string? previousHash, DateTimeOffset now, AuditChainKeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (Sequence is not null)
        {
            throw new InvalidOperationException($"Audit event {Id} is already sealed.");
        }

        if (!HasAuthenticInsertMac(keys))
        {
            throw new InvalidOperationException($"Audit event {Id} has no authentic insert MAC; it was not written by the application.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        if ((sequence == 1) != (previousHash is null))
        {
            throw new ArgumentException("Only the first event of the chain has no previous hash.", nameof(previousHash));
        }

        var hash = AuditChain.ComputeKeyedHash(keys.Find(KeyId)!, sequence, previousHash, ToContent());
        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = hash;
        SealedAt = AuditTime.Normalize(now);
        return hash;
    }
}
