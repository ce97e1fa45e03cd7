using System.Security.Cryptography;
using System.Text;

namespace RunnerTokens.Application.Common.Security;

/// <summary>The SHA-256 of a secret, in hex: enough to trace a JIT config or token, useless to replay it.</summary>
public static class SecretFingerprint
{
    public static string Of(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
