using System.Security.Cryptography;
using System.Text;

namespace RunnerTokens.Application.Webhooks;

/// <summary>GitHub's <c>X-Hub-Signature-256</c>: <c>sha256=</c> and the hex HMAC-SHA256 of the raw body.</summary>
public static class WebhookSignature
{
    private const string Prefix = "sha256=";

    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrEmpty(header) || !header.StartsWith(Prefix, StringComparison.Ordinal)
            || header.Length != Prefix.Length + (HMACSHA256.HashSizeInBytes * 2))
        {
            return false;
        }

        Span<byte> claimed = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(header.AsSpan(Prefix.Length), claimed, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != claimed.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, claimed);
    }

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
