using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RunnerTokens.Api.Auth;

/// <summary>
/// The bearer schemes' token handler: a <see cref="JsonWebTokenHandler"/> that remembers its successful validations
/// for a short while, so that a client sending the same token again skips the signature check, the parsing and the
/// building of the <see cref="System.Security.Claims.ClaimsIdentity"/>. JwtBearer still runs per request around it
/// (events, metrics, the 401s); only the handler's answer is reused.
/// <list type="bullet">
/// <item>Keyed by a SHA-256 of the token, never the token itself.</item>
/// <item>Only valid results are kept: a refused token is validated in full every time.</item>
/// <item>An entry lives until the token's <c>exp</c> (without the clock skew validation allows) or <c>maxAge</c>,
/// whichever comes first, on the app's <see cref="TimeProvider"/>. Validation itself reads the system clock
/// (IdentityModel's clock is internal); with the app's clock being the system clock, as outside tests, an entry ends
/// before validation would refuse the token.</item>
/// <item>An entry only counts while the issuer configuration (signing keys, issuer) is the very object it was
/// validated against: a key refresh or rotation makes every entry a miss. Without a configuration manager (static
/// keys), the same key objects must be configured.</item>
/// <item>At most <c>maxEntries</c>: when full, expired entries are dropped (at most once a second), and if it is still
/// full the new result is not kept.</item>
/// </list>
/// One instance per scheme (it is created with that scheme's <c>JwtBearerOptions</c>, whose
/// <see cref="TokenValidationParameters"/> do not change after start-up). JwtBearer passes a fresh clone of those
/// parameters on every call, so what may differ between calls (the configuration, the keys) is part of each entry.
/// The cached result is shared between requests: nothing downstream changes the identity (JwtBearer wraps it in a new
/// <see cref="System.Security.Claims.ClaimsPrincipal"/> per request, and no event or claims transformation here adds claims).
/// </summary>
public sealed class CachingJsonWebTokenHandler : JsonWebTokenHandler
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<TokenHash, Entry> _entries = new();
    private readonly TimeProvider _clock;
    private readonly TimeSpan _maxAge;
    private readonly int _maxEntries;
    private int _count;
    private long _nextSweepTicks;

    /// <param name="clock">The app's clock: an entry's end is measured on it.</param>
    /// <param name="maxAge">How long a validation is reused at most; zero turns caching off.</param>
    /// <param name="maxEntries">How many validations are remembered at most; zero turns caching off.</param>
    public CachingJsonWebTokenHandler(TimeProvider clock, TimeSpan maxAge, int maxEntries)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAge, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(maxEntries);
        _clock = clock;
        _maxAge = maxAge;
        _maxEntries = maxEntries;
    }

    /// <summary>How many validations are remembered now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The one overload JwtBearer calls (<c>JwtBearerHandler.HandleAuthenticateAsync</c>, per token handler).</summary>
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (!CanCache(token, validationParameters) || await ValidatedAgainst.CurrentAsync(validationParameters) is not { } against)
        {
            return await base.ValidateTokenAsync(token, validationParameters);
        }

        var key = TokenHash.Of(token);
        var now = _clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry))
        {
            if (now < entry.ExpiresAt && entry.Against.Matches(against))
            {
                return entry.Result;
            }

            Remove(key, entry);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && !validationParameters.ValidateWithLKG)
        {
            Store(key, result, against, now);
        }

        return result;
    }

    private bool CanCache(string token, TokenValidationParameters parameters) =>
        _maxAge > TimeSpan.Zero
        && _maxEntries > 0
        && parameters is not null
        && !string.IsNullOrEmpty(token)
        && token.Length <= MaximumTokenSizeInBytes

        // A replay check must see every use; an actor token is validated with other parameters (by a nested call to
        // this method); keys from a resolver cannot be compared. None of these is configured here: they bypass the cache.
        && parameters.TokenReplayCache is null
        && parameters.TokenReplayValidator is null
        && !parameters.ValidateActor
        && parameters.IssuerSigningKeyResolver is null;

    private void Store(TokenHash key, TokenValidationResult result, ValidatedAgainst against, DateTimeOffset now)
    {
        var expiresAt = now + _maxAge;
        var validTo = result.SecurityToken.ValidTo;
        if (validTo != DateTime.MinValue)
        {
            var exp = new DateTimeOffset(DateTime.SpecifyKind(validTo, DateTimeKind.Utc));
            if (exp < expiresAt)
            {
                expiresAt = exp;
            }
        }

        if (expiresAt <= now || (Count >= _maxEntries && !SweepExpired(now)))
        {
            return;
        }

        // The count is taken before the entry is added, so concurrent misses cannot overshoot the bound.
        if (Interlocked.Increment(ref _count) > _maxEntries)
        {
            Interlocked.Decrement(ref _count);
            return;
        }

        // Built now, once, rather than lazily by the first requests that share the result.
        _ = result.ClaimsIdentity;
        if (!_entries.TryAdd(key, new Entry(result, against, expiresAt)))
        {
            Interlocked.Decrement(ref _count); // another request stored the same token meanwhile
        }
    }

    /// <summary>Drops the expired entries (at most once per <see cref="SweepInterval"/>); true when there is room after.</summary>
    private bool SweepExpired(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, next) != next)
        {
            return false;
        }

        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                Remove(key, entry);
            }
        }

        return Count < _maxEntries;
    }

    private void Remove(TokenHash key, Entry entry)
    {
        if (_entries.TryRemove(KeyValuePair.Create(key, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Compared by reference (removing an entry removes that very entry, not a newer one for the same token).</summary>
    private sealed class Entry(TokenValidationResult result, ValidatedAgainst against, DateTimeOffset expiresAt)
    {
        public TokenValidationResult Result { get; } = result;

        public ValidatedAgainst Against { get; } = against;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;
    }

    /// <summary>What a validation depended on beyond the token and the scheme's fixed parameters: compared by identity.</summary>
    private sealed class ValidatedAgainst
    {
        private readonly BaseConfiguration? _configuration;
        private readonly SecurityKey? _key;
        private readonly SecurityKey[] _keys;

        private ValidatedAgainst(BaseConfiguration? configuration, SecurityKey? key, SecurityKey[] keys)
        {
            _configuration = configuration;
            _key = key;
            _keys = keys;
        }

        /// <summary>
        /// The issuer configuration the handler will validate against now, or null when it cannot be known without
        /// waiting for a fetch: until one token was validated against a fetched configuration (the handler then sets
        /// <see cref="BaseConfigurationManager.LastKnownGoodConfiguration"/>), asking for it could block on the first
        /// download, and would download twice per request while the issuer is unreachable. Once fetched, the
        /// configuration manager answers from memory (a new object only when it refreshes).
        /// </summary>
        public static async ValueTask<ValidatedAgainst?> CurrentAsync(TokenValidationParameters parameters)
        {
            BaseConfiguration? configuration = null;
            if (parameters.ConfigurationManager is { } manager)
            {
                if (manager.LastKnownGoodConfiguration is null)
                {
                    return null;
                }

                try
                {
                    configuration = await manager.GetBaseConfigurationAsync(CancellationToken.None);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The handler retries and logs it; such a call is simply not cached.
                    return null;
                }

                if (configuration is null)
                {
                    return null;
                }
            }

            // JwtBearer's clone copies the configured keys into a new list: the key objects are the same ones.
            return new ValidatedAgainst(configuration, parameters.IssuerSigningKey, parameters.IssuerSigningKeys?.ToArray() ?? []);
        }

        public bool Matches(ValidatedAgainst current) =>
            ReferenceEquals(_configuration, current._configuration)
            && ReferenceEquals(_key, current._key)
            && _keys.AsSpan().SequenceEqual(current._keys, ReferenceEqualityComparer.Instance);
    }

    /// <summary>SHA-256 of the token's characters.</summary>
    private readonly record struct TokenHash(ulong A, ulong B, ulong C, ulong D)
    {
        public static TokenHash Of(string token)
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(MemoryMarshal.AsBytes(token.AsSpan()), hash);
            return new TokenHash(
                BinaryPrimitives.ReadUInt64LittleEndian(hash),
                BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(hash[16..]),
                BinaryPrimitives.ReadUInt64LittleEndian(hash[24..]));
        }
    }
}
