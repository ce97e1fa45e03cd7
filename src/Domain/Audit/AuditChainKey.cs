using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace RunnerTokens.Domain.Audit;

/// <summary>
/// A secret key of the audit chain, named by an id that is stored with every event it authenticates, so
/// keys can rotate: new events use the current key, older ones are verified with the key named on them.
/// The secret lives outside the database (configuration or a file); whoever can only write the database
/// cannot compute a valid MAC. <see cref="ToString"/> never shows the secret.
/// </summary>
public sealed class AuditChainKey
{
    /// <summary>HMAC-SHA256 keys shorter than the hash output (32 bytes) weaken it.</summary>
    public const int MinimumLength = 32;

    public const int MaxIdLength = 32;

    private readonly byte[] _secret;

    public AuditChainKey(string id, ReadOnlySpan<byte> secret)
    {
        if (!IsValidId(id))
        {
            throw new ArgumentException($"An audit chain key id is 1 to {MaxIdLength} characters of letters, digits, '.', '_' or '-'.", nameof(id));
        }

        if (secret.Length < MinimumLength)
        {
            throw new ArgumentException($"An audit chain key must be at least {MinimumLength} bytes.", nameof(secret));
        }

        Id = id;
        _secret = secret.ToArray();
    }

    public string Id { get; }

    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id)
        && id.Length <= MaxIdLength
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>Lowercase hex HMAC-SHA256 of the UTF-8 text.</summary>
    public string Mac(string text) => Mac(Encoding.UTF8.GetBytes(text));

    /// <summary>Lowercase hex HMAC-SHA256 of UTF-8 bytes.</summary>
    public string Mac(ReadOnlySpan<byte> utf8)
    {
        Span<byte> digest = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, utf8, digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Whether <paramref name="mac"/> is this key's MAC of the text (constant-time comparison).</summary>
    public bool Verify(string text, string? mac) => Verify(Encoding.UTF8.GetBytes(text), mac);

    /// <summary>Whether <paramref name="mac"/> is this key's MAC of the UTF-8 bytes (constant-time comparison).</summary>
    public bool Verify(ReadOnlySpan<byte> utf8, string? mac)
    {
        if (mac is null)
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, utf8, digest);
        Span<char> expected = stackalloc char[HMACSHA256.HashSizeInBytes * 2];
        Convert.TryToHexStringLower(digest, expected, out _);

        // The lowercase hex text compared as it is stored (a MAC in capitals is not the one written).
        return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected), MemoryMarshal.AsBytes(mac.AsSpan()));
    }

    public override string ToString() => $"audit chain key '{Id}'";
}
