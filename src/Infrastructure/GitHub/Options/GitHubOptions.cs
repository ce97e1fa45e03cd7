namespace RunnerTokens.Infrastructure.GitHub.Options;

/// <summary>The <c>GitHub</c> configuration section (documented in docs/github.md).</summary>
public sealed class GitHubOptions
{
    public const string SectionName = "GitHub";

    public const string DefaultApiBaseUrl = "https://api.github.com";

    /// <summary><c>GitHub:Mode</c>: GitHub or Simulator; when unset, Simulator in Development and GitHub elsewhere.</summary>
    public GitHubMode? Mode { get; set; }

    /// <summary><c>GitHub:AppId</c>: the App id (or client id), the JWT's <c>iss</c>.</summary>
    public string? AppId { get; set; }

    /// <summary><c>GitHub:PrivateKeyPath</c>: a PEM file with the App's RSA private key.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary><c>GitHub:PrivateKey</c>: the PEM text itself (for secret stores that inject environment variables).</summary>
    public string? PrivateKey { get; set; }

    /// <summary><c>GitHub:ApiBaseUrl</c>: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary><c>GitHub:Organizations</c>: the organizations served. Required in GitHub mode.</summary>
    public IList<GitHubOrganizationOptions> Organizations { get; } = [];

    /// <summary><c>GitHub:AllowSimulatorInProduction</c>: lets a Production host run the simulator (demos only).</summary>
    public bool AllowSimulatorInProduction { get; set; }

    /// <summary>
    /// <c>GitHub:RateLimitReserve</c>: requests per window kept for provisioning; background work yields when the
    /// remaining budget falls below it.
    /// </summary>
    public int RateLimitReserve { get; set; } = 500;

    public GitHubResilienceOptions Resilience { get; set; } = new();

    public GitHubSimulatorOptions Simulator { get; set; } = new();

    /// <summary>The mode in force (after defaults were applied).</summary>
    public GitHubMode EffectiveMode => Mode ?? GitHubMode.GitHub;

    /// <summary>The configured entry for <paramref name="organization"/>, or null.</summary>
    public GitHubOrganizationOptions? FindOrganization(string organization) =>
        Organizations.FirstOrDefault(o => string.Equals(o.Name?.Trim(), organization, StringComparison.OrdinalIgnoreCase));
}
