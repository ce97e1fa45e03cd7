using System.Security.Cryptography;
using RunnerTokens.Infrastructure.GitHub.Options;

namespace RunnerTokens.Infrastructure.GitHub.Auth;

/// <summary>Loads the App's RSA private key from <c>GitHub:PrivateKeyPath</c> or <c>GitHub:PrivateKey</c>. Never logs it.</summary>
internal static class GitHubPrivateKey
{
    public const string PathSetting = GitHubOptions.SectionName + ":" + nameof(GitHubOptions.PrivateKeyPath);
    public const string TextSetting = GitHubOptions.SectionName + ":" + nameof(GitHubOptions.PrivateKey);

    /// <summary>True when either setting is given.</summary>
    public static bool IsConfigured(GitHubOptions options) =>
        !string.IsNullOrWhiteSpace(options.PrivateKeyPath) || !string.IsNullOrWhiteSpace(options.PrivateKey);

    /// <summary>Loads the key, or explains (naming the setting) why it cannot; the caller disposes the key.</summary>
    public static RSA? TryLoad(GitHubOptions options, string contentRootPath, out string? error)
    {
        var hasPath = !string.IsNullOrWhiteSpace(options.PrivateKeyPath);
        var hasText = !string.IsNullOrWhiteSpace(options.PrivateKey);
        if (hasPath && hasText)
        {
            error = $"Set only one of {PathSetting} and {TextSetting}.";
            return null;
        }

        if (!hasPath && !hasText)
        {
            error = $"{PathSetting} (a PEM file) or {TextSetting} (PEM text) is required when GitHub:Mode is GitHub.";
            return null;
        }

        string pem;
        string setting;
        if (hasPath)
        {
            setting = PathSetting;
            var path = Path.IsPathRooted(options.PrivateKeyPath!)
                ? options.PrivateKeyPath!
                : Path.Combine(contentRootPath, options.PrivateKeyPath!);
            try
            {
                pem = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                error = $"{PathSetting} '{options.PrivateKeyPath}' cannot be read: {ex.GetType().Name}: {ex.Message}";
                return null;
            }
        }
        else
        {
            setting = TextSetting;
            pem = options.PrivateKey!;

            // Environment variables often carry the PEM with literal "\n" instead of line breaks.
            if (!pem.Contains('\n', StringComparison.Ordinal) && pem.Contains("\\n", StringComparison.Ordinal))
            {
                pem = pem.Replace("\\n", "\n", StringComparison.Ordinal);
            }
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            _ = rsa.ExportParameters(includePrivateParameters: true);
            if (rsa.KeySize < 2048)
            {
                error = $"{setting} holds a {rsa.KeySize}-bit RSA key; GitHub App keys are at least 2048 bits.";
                rsa.Dispose();
                return null;
            }

            error = null;
            return rsa;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            error = $"{setting} does not hold an RSA private key in PEM format (expected '-----BEGIN RSA PRIVATE KEY-----' or '-----BEGIN PRIVATE KEY-----').";
            return null;
        }
    }
}
