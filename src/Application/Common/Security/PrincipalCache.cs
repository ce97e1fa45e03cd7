using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Common.Security;

/// <summary>
/// A small per-replica cache of resolved <em>user</em> principals, so that a client reusing its token does not
/// cost two queries on every request. Keyed by a SHA-256 of the bearer token (never the token itself): the same
/// token carries the same issuer, subject and claims, so the cached answer is the one resolution would give.
/// <list type="bullet">
/// <item>An entry lives at most <see cref="Lifetime"/>: a change made on another replica takes effect here within 5 s.</item>
/// <item><see cref="Invalidate"/> drops every entry; Infrastructure calls it after any saved change to users, team
/// memberships, teams or machine identities (and again when a transaction commits), so such a change takes effect
/// at once on the replica that made it.</item>
/// <item>A resolution that raced with an invalidation is not stored (<see cref="Generation"/>).</item>
/// <item>Machine principals are never cached: single-use tokens must reach the replay guard every time.</item>
/// </list>
/// </summary>
public sealed class PrincipalCache(TimeProvider clock)
{
    /// <summary>How long a resolved principal may be reused without asking the database.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    /// <summary>Beyond this many entries the cache starts over (bounded memory under a flood of distinct tokens).</summary>
    public const int MaxEntries = 10_000;

    private const int MaxTokenLength = 16 * 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>Read before resolving; pass to <see cref="Store"/> afterwards.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The cache key of an <c>Authorization</c> header value, or null when it cannot be cached.</summary>
    public static string? KeyFor(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization) || authorization.Length > MaxTokenLength)
        {
            return null;
        }

        // The string's own UTF-16 bytes: as unique as its UTF-8, without copying a real token (700-1,000 characters)
        // into a new array on every request. The key never leaves this replica's memory.
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(authorization.AsSpan()), hash);
        return Convert.ToBase64String(hash);
    }

    public bool TryGet(string key, out CallerPrincipal principal)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Generation == Generation && clock.GetUtcNow() < entry.ExpiresAt)
        {
            principal = entry.Principal;
            return true;
        }

        principal = null!;
        return false;
    }

    /// <summary>
    /// Keeps a user principal resolved when the cache was at <paramref name="generation"/>; ignored when an
    /// invalidation happened since (the resolution may have read the state before the change).
    /// </summary>
    public void Store(string key, CallerPrincipal principal, long generation)
    {
        if (principal.Kind != PrincipalKind.User || generation != Generation)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(principal, generation, clock.GetUtcNow() + Lifetime);
    }

    /// <summary>Forgets every cached principal. Call after a change to who someone is or what they may do.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private sealed record Entry(CallerPrincipal Principal, long Generation, DateTimeOffset ExpiresAt);
}
