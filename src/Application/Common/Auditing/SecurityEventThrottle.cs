using System.Collections.Concurrent;

namespace RunnerTokens.Application.Common.Auditing;

/// <summary>
/// Keeps anonymous floods from becoming floods of rows: at most one security event per key per window.
/// In memory, per replica: N replicas write at most N rows per window, which is the point.
/// </summary>
public sealed class SecurityEventThrottle(TimeProvider clock)
{
    private const int MaxKeys = 10_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastRecorded = new(StringComparer.Ordinal);

    public bool ShouldRecord(string key, TimeSpan window)
    {
        var now = clock.GetUtcNow();
        if (_lastRecorded.Count > MaxKeys)
        {
            foreach (var stale in _lastRecorded.Where(pair => now - pair.Value >= window).Select(pair => pair.Key).ToList())
            {
                _lastRecorded.TryRemove(stale, out _);
            }
        }

        while (true)
        {
            if (!_lastRecorded.TryGetValue(key, out var last))
            {
                if (_lastRecorded.TryAdd(key, now))
                {
                    return true;
                }

                continue;
            }

            if (now - last < window)
            {
                return false;
            }

            if (_lastRecorded.TryUpdate(key, now, last))
            {
                return true;
            }
        }
    }
}
