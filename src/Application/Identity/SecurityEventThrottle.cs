using System.Collections.Concurrent;

namespace RunnerTokens.Application.Identity;

/// <summary>
/// Keeps a flood of refused tokens from becoming a flood of security-event rows: at most one event per
/// (type, issuer, subject) per <see cref="Window"/>. In memory and per replica, so N replicas write at most
/// N rows per window; that bound is the point, exact de-duplication is not.
/// </summary>
public sealed class SecurityEventThrottle(TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private const int MaxTrackedKeys = 10_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastRecorded = new(StringComparer.Ordinal);

    /// <summary>True when the caller should write the event now (and the window starts again).</summary>
    public bool ShouldRecord(string type, string issuer, string subject)
    {
        var now = clock.GetUtcNow();
        if (_lastRecorded.Count >= MaxTrackedKeys)
        {
            Prune(now);
        }

        var key = string.Concat(type, "\n", issuer, "\n", subject);
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

            if (now - last < Window)
            {
                return false;
            }

            if (_lastRecorded.TryUpdate(key, now, last))
            {
                return true;
            }
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, at) in _lastRecorded)
        {
            if (now - at >= Window)
            {
                _lastRecorded.TryRemove(key, out _);
            }
        }

        // Still full (a flood of distinct subjects inside one window): forget everything rather than grow.
        if (_lastRecorded.Count >= MaxTrackedKeys)
        {
            _lastRecorded.Clear();
        }
    }
}
