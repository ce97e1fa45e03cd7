using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using RunnerTokens.Domain.Audit;

namespace RunnerTokens.Infrastructure.Audit;

/// <summary>Builds the <see cref="AuditChainKeyRing"/> from <see cref="AuditChainOptions"/>; every error names the setting to fix.</summary>
internal static class AuditChainKeys
{
    public const string DevelopmentKeyId = "development";

    /// <summary>A fixed, public key: fine for Development and tests, worthless anywhere else.</summary>
    private static readonly byte[] DevelopmentSecret = SHA256.HashData(Encoding.UTF8.GetBytes("runnertokens development audit chain key (not secret)"));

    public static bool DevelopmentKeyAllowed(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");

    /// <summary>The key ring, or the reasons it cannot be built. <paramref name="usesDevelopmentKey"/> says the fixed key was used.</summary>
    public static AuditChainKeyRing? TryBuild(
        AuditChainOptions options, IHostEnvironment environment, List<string> errors, out bool usesDevelopmentKey)
    {
        const string Section = AuditChainOptions.SectionName;
        usesDevelopmentKey = false;
        AuditChainKey? current = null;
        if (string.IsNullOrWhiteSpace(options.ChainKey) && string.IsNullOrWhiteSpace(options.ChainKeyPath))
        {
            if (DevelopmentKeyAllowed(environment))
            {
                usesDevelopmentKey = true;
                current = new AuditChainKey(DevelopmentKeyId, DevelopmentSecret);
            }
            else
            {
                errors.Add($"{Section}:ChainKey (base64, at least {AuditChainKey.MinimumLength} bytes) or {Section}:ChainKeyPath (a file holding it) is required outside Development: the audit chain is keyed with it, and it must not be stored in the database.");
            }
        }
        else
        {
            current = Load(options.ChainKeyId, options.ChainKey, options.ChainKeyPath, $"{Section}:ChainKey", $"{Section}:ChainKeyPath", $"{Section}:ChainKeyId", environment, errors);
        }

        var retired = new List<AuditChainKey>();
        for (var i = 0; i < options.ChainKeys.Count; i++)
        {
            var entry = options.ChainKeys[i];
            var prefix = $"{Section}:ChainKeys:{i}";
            if (Load(entry.Id, entry.Key, entry.KeyPath, $"{prefix}:Key", $"{prefix}:KeyPath", $"{prefix}:Id", environment, errors) is { } key)
            {
                retired.Add(key);
            }
        }

        if (current is null || errors.Count > 0)
        {
            return null;
        }

        var duplicate = retired.Select(k => k.Id).Append(current.Id).GroupBy(id => id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            errors.Add($"Audit chain key id '{duplicate.Key}' is used more than once ({Section}:ChainKeyId, {Section}:ChainKeys:N:Id): every key needs its own id.");
            return null;
        }

        return new AuditChainKeyRing(current, retired);
    }

    private static AuditChainKey? Load(
        string? id, string? base64, string? path, string keySetting, string pathSetting, string idSetting, IHostEnvironment environment, List<string> errors)
    {
        if (!AuditChainKey.IsValidId(id))
        {
            errors.Add($"{idSetting} '{id}' is not a valid key id: 1 to {AuditChainKey.MaxIdLength} letters, digits, '.', '_' or '-'.");
            return null;
        }

        if (!string.IsNullOrWhiteSpace(base64) && !string.IsNullOrWhiteSpace(path))
        {
            errors.Add($"Set either {keySetting} or {pathSetting}, not both.");
            return null;
        }

        var text = base64;
        if (string.IsNullOrWhiteSpace(text))
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                errors.Add($"{keySetting} or {pathSetting} is required for key '{id}'.");
                return null;
            }

            var fullPath = Path.IsPathRooted(path) ? path : Path.Combine(environment.ContentRootPath, path);
            try
            {
                text = File.ReadAllText(fullPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add($"{pathSetting}: cannot read '{fullPath}' ({ex.GetType().Name}).");
                return null;
            }
        }

        byte[] secret;
        try
        {
            secret = Convert.FromBase64String(text!.Trim());
        }
        catch (FormatException)
        {
            errors.Add($"{keySetting} (or the file in {pathSetting}) is not base64.");
            return null;
        }

        if (secret.Length < AuditChainKey.MinimumLength)
        {
            errors.Add($"{keySetting} (or the file in {pathSetting}) is {secret.Length} bytes; at least {AuditChainKey.MinimumLength} are required (e.g. `openssl rand -base64 32`).");
            return null;
        }

        return new AuditChainKey(id!, secret);
    }
}
