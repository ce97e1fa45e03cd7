using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace RunnerTokens.Api.Auth;

/// <summary>Validation of <c>Authentication</c>: every message names the setting to fix.</summary>
internal sealed partial class AuthenticationSettingsValidator : IValidateOptions<AuthenticationSettings>
{
    public ValidateOptionsResult Validate(string? name, AuthenticationSettings options)
    {
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (issuer, index) in options.Issuers.Select((issuer, index) => (issuer, index)))
        {
            var where = $"{AuthenticationSettings.SectionName}:Issuers:{index}";
            if (!IssuerName().IsMatch(issuer.Name) || !names.Add(issuer.Name))
            {
                failures.Add($"{where}:Name must be unique, 1-50 letters, digits, '-' or '_'.");
            }

            if (!Uri.TryCreate(issuer.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"{where}:Authority must be an absolute http(s) URL.");
            }
            else if (issuer.RequireHttpsMetadata && authority.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add($"{where}:Authority must use https unless RequireHttpsMetadata is false.");
            }

            if (issuer.Audiences.Count == 0 || issuer.Audiences.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"{where}:Audiences needs at least one non-empty audience.");
            }

            if (issuer.RequiredClaimConditions.Any(c => string.IsNullOrWhiteSpace(c) || c.Any(char.IsWhiteSpace)))
            {
                failures.Add($"{where}:RequiredClaimConditions must be claim names without spaces.");
            }

            if (!Enum.IsDefined(issuer.Purpose))
            {
                failures.Add($"{where}:Purpose must be Users, Machines or Both.");
            }
        }

        if (options.ValidationCacheSeconds < 0)
        {
            failures.Add($"{AuthenticationSettings.SectionName}:ValidationCacheSeconds must be 0 (no cache) or a number of seconds.");
        }

        if (options.ValidationCacheSize < 0)
        {
            failures.Add($"{AuthenticationSettings.SectionName}:ValidationCacheSize must be 0 (no cache) or a number of entries.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,50}$")]
    private static partial Regex IssuerName();
}
