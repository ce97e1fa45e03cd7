using Microsoft.Extensions.DependencyInjection;

namespace RunnerTokens.Infrastructure.Health;

/// <summary>The readiness checks Infrastructure owns, tagged for <c>/health/ready</c>.</summary>
public static class ReadinessChecks
{
    public const string Tag = "ready";

    /// <summary>Database reachable with every migration applied; the GitHub App key loaded (GitHub mode). Never calls GitHub.</summary>
    public static IHealthChecksBuilder AddInfrastructureReadiness(this IHealthChecksBuilder checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        checks.Services.AddSingleton<DatabaseReadinessCheck.MigrationState>();
        return checks
            .AddCheck<DatabaseReadinessCheck>("database", tags: [Tag])
            .AddCheck<GitHubAppKeyReadinessCheck>("github-app-key", tags: [Tag]);
    }
}
