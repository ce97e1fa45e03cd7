using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RunnerTokens.Infrastructure.GitHub.Auth;

namespace RunnerTokens.Infrastructure.GitHub.Options;

/// <summary>
/// Start-up validation of <c>GitHub</c>: every message names the setting to fix. The private key is loaded
/// (and dropped) here so a missing, unreadable or non-RSA key stops the host before the first request.
/// </summary>
internal sealed class GitHubOptionsValidator(IHostEnvironment environment) : IValidateOptions<GitHubOptions>
{
    private const string Section = GitHubOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, GitHubOptions options)
    {
        var failures = new List<string>();
        var mode = options.EffectiveMode;

        if (mode == GitHubMode.Simulator && environment.IsProduction() && !options.AllowSimulatorInProduction)
        {
            failures.Add($"{Section}:Mode is Simulator in Production: no real runner would ever be registered. Set {Section}:Mode=GitHub, or {Section}:AllowSimulatorInProduction=true for a demo.");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("https" or "http"))
        {
            failures.Add($"{Section}:ApiBaseUrl '{options.ApiBaseUrl}' is not an absolute http(s) URL (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server).");
        }
        else if (!string.IsNullOrEmpty(baseUri.Query) || !string.IsNullOrEmpty(baseUri.Fragment))
        {
            failures.Add($"{Section}:ApiBaseUrl must not have a query or fragment.");
        }

        if (mode == GitHubMode.GitHub)
        {
            if (string.IsNullOrWhiteSpace(options.AppId))
            {
                failures.Add($"{Section}:AppId is required when {Section}:Mode is GitHub (the App id or client id from the App's settings page).");
            }

            using var key = GitHubPrivateKey.TryLoad(options, environment.ContentRootPath, out var keyError);
            if (keyError is not null)
            {
                failures.Add(keyError);
            }

            if (options.Organizations.Count == 0)
            {
                failures.Add($"{Section}:Organizations is empty: configure at least {Section}:Organizations:0:Name when {Section}:Mode is GitHub.");
            }
        }
        else if (GitHubPrivateKey.IsConfigured(options))
        {
            using var key = GitHubPrivateKey.TryLoad(options, environment.ContentRootPath, out var keyError);
            if (keyError is not null)
            {
                failures.Add(keyError);
            }
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Organizations.Count; i++)
        {
            var organization = options.Organizations[i];
            if (string.IsNullOrWhiteSpace(organization.Name))
            {
                failures.Add($"{Section}:Organizations:{i}:Name is required.");
            }
            else if (!seen.Add(organization.Name.Trim()))
            {
                failures.Add($"{Section}:Organizations:{i}:Name '{organization.Name}' is listed twice.");
            }

            if (organization.InstallationId is <= 0)
            {
                failures.Add($"{Section}:Organizations:{i}:InstallationId must be a positive number (or left out to look it up).");
            }
        }

        if (options.RateLimitReserve < 0)
        {
            failures.Add($"{Section}:RateLimitReserve must be zero or more.");
        }

        ValidateResilience(options.Resilience, failures);
        ValidateSimulator(options.Simulator, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateResilience(GitHubResilienceOptions r, List<string> failures)
    {
        const string prefix = Section + ":Resilience:";
        if (r.AttemptTimeout < TimeSpan.FromMilliseconds(10) || r.AttemptTimeout > TimeSpan.FromDays(1))
        {
            failures.Add($"{prefix}AttemptTimeout must be between 10 ms and 1 day.");
        }

        if (r.TotalTimeout < r.AttemptTimeout || r.TotalTimeout > TimeSpan.FromDays(1))
        {
            failures.Add($"{prefix}TotalTimeout must be at least {prefix}AttemptTimeout and at most 1 day.");
        }

        if (r.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add($"{prefix}MaxRetryAttempts must be between 0 and 10.");
        }

        if (r.RetryBaseDelay < TimeSpan.Zero || r.RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{prefix}RetryBaseDelay must be between 0 and 1 minute.");
        }

        if (r.MaxRetryWait < TimeSpan.Zero || r.MaxRetryWait > TimeSpan.FromHours(1))
        {
            failures.Add($"{prefix}MaxRetryWait must be between 0 and 1 hour.");
        }

        if (r.BreakerFailureRatio is <= 0 or > 1)
        {
            failures.Add($"{prefix}BreakerFailureRatio must be greater than 0 and at most 1.");
        }

        if (r.BreakerMinimumThroughput < 2)
        {
            failures.Add($"{prefix}BreakerMinimumThroughput must be at least 2.");
        }

        if (r.BreakerSamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            failures.Add($"{prefix}BreakerSamplingDuration must be at least 500 ms.");
        }

        if (r.BreakerBreakDuration < TimeSpan.FromMilliseconds(500))
        {
            failures.Add($"{prefix}BreakerBreakDuration must be at least 500 ms.");
        }
    }

    private static void ValidateSimulator(GitHubSimulatorOptions s, List<string> failures)
    {
        const string prefix = Section + ":Simulator:";
        if (s.RunnerOnlineDelay < TimeSpan.Zero)
        {
            failures.Add($"{prefix}RunnerOnlineDelay must not be negative.");
        }

        if (s.RateLimit < 1)
        {
            failures.Add($"{prefix}RateLimit must be at least 1.");
        }
    }
}
