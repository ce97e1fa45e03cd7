namespace RunnerTokens.Domain.Audit;

/// <summary>
/// The current audit chain key (used for every new event and checkpoint) and the retired ones, still
/// needed to verify what they authenticated. Ids are unique.
/// </summary>
public sealed class AuditChainKeyRing
{
    private readonly Dictionary<string, AuditChainKey> _keys = new(StringComparer.Ordinal);

    public AuditChainKeyRing(AuditChainKey current, IEnumerable<AuditChainKey>? retired = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        Current = current;
        _keys.Add(current.Id, current);
        foreach (var key in retired ?? [])
        {
            if (!_keys.TryAdd(key.Id, key))
            {
                throw new ArgumentException($"Audit chain key id '{key.Id}' is used twice.", nameof(retired));
            }
        }
    }

    public AuditChainKey Current { get; }

    /// <summary>Every key id this ring can verify.</summary>
    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <summary>The key with this id, or null when it is not (or no longer) configured.</summary>
    public AuditChainKey? Find(string? id) => id is not null && _keys.TryGetValue(id, out var key) ? key : null;
}
