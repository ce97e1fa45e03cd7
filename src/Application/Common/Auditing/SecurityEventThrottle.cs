namespace RunnerTokens.Application.Common.Auditing;

/// <summary>
/// Keeps anonymous floods from becoming floods of rows: at most one security event per key per window.
/// In memory, per replica: N replicas write at most N rows per window, which is the point. Bounded: beyond
/// <see cref="Capacity"/> keys the least recently seen one is forgotten (LRU), so a flood of distinct keys costs
/// a fixed amount of memory. Keys an attacker can vary freely (a source address) belong in one global key instead.
/// </summary>
public sealed class SecurityEventThrottle
{
    public const int DefaultCapacity = 10_000;

    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new(); // most recently seen first

    public SecurityEventThrottle(TimeProvider clock)
        : this(clock, DefaultCapacity)
    {
    }

    public SecurityEventThrottle(TimeProvider clock, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _clock = clock;
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Keys currently remembered (never more than <see cref="Capacity"/>).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public bool ShouldRecord(string key, TimeSpan window)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                if (now - node.Value.LastRecorded < window)
                {
                    return false;
                }

                node.Value = node.Value with { LastRecorded = now };
                return true;
            }

            if (_entries.Count >= Capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }

            _entries[key] = _recency.AddFirst(new Entry(key, now));
            return true;
        }
    }

    private readonly record struct Entry(string Key, DateTimeOffset LastRecorded);
}
