using System.Security.Cryptography;

namespace RunnerTokens.Infrastructure.Tests.GitHub.Support;

/// <summary>A throwaway RSA key per test run, in GitHub's PKCS#1 PEM format.</summary>
internal static class TestKeys
{
    private static readonly Lazy<RSA> Key = new(() => RSA.Create(2048));

    public static RSA Rsa => Key.Value;

    public static string PrivatePem => Key.Value.ExportRSAPrivateKeyPem();

    public static string PublicPem => Key.Value.ExportSubjectPublicKeyInfoPem();
}
