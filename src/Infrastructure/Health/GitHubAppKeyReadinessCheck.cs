using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RunnerTokens.Infrastructure.GitHub.Auth;
using RunnerTokens.Infrastructure.GitHub.Options;

namespace RunnerTokens.Infrastructure.Health;

/// <summary>
/// Ready when the GitHub App's private key is loaded and parses (GitHub mode; the simulator needs none). GitHub
/// itself is never called: GitHub being down or slow does not take a replica out of the load balancer, requests
/// answer 502/503 problems instead.
/// </summary>
internal sealed class GitHubAppKeyReadinessCheck(IOptions<GitHubOptions> options, GitHubAppCredentials credentials) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (options.Value.EffectiveMode != GitHubMode.GitHub)
        {
            return Task.FromResult(HealthCheckResult.Healthy("GitHub simulator: no App key needed."));
        }

        try
        {
            _ = credentials.Key.KeySize;
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            // The loader's message names the setting, never the key.
            return Task.FromResult(HealthCheckResult.Unhealthy("The GitHub App private key is not loaded: " + ex.Message));
        }
    }
}
