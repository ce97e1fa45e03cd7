using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RunnerTokens.Infrastructure.GitHub;

namespace RunnerTokens.GitHub.Simulator;

/// <summary>Puts the simulator behind the real GitHub clients. The host calls it when <c>GitHub:Mode</c> is Simulator.</summary>
public static class GitHubSimulatorRegistration
{
    /// <summary>
    /// Adds the <see cref="GitHubSimulator"/> singleton and makes it the primary HTTP handler of both GitHub clients
    /// (<see cref="GitHubRegistration.ApiClientName"/>, <see cref="GitHubRegistration.AppClientName"/>), so the
    /// Refit client, auth and resilience registered by <c>AddGitHub</c> all run against it.
    /// </summary>
    public static IServiceCollection AddGitHubSimulator(this IServiceCollection services)
    {
        services.TryAddSingleton<GitHubSimulator>();
        services.TryAddSingleton<SimulatorRequestLogger>();
        foreach (var client in new[] { GitHubRegistration.ApiClientName, GitHubRegistration.AppClientName })
        {
            services.AddHttpClient(client)
                .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<GitHubSimulator>().CreateHandler())
                .RemoveAllLoggers() // HttpClient's own logs would show api.github.com addresses the simulator stands in for
                .AddLogger<SimulatorRequestLogger>();
        }

        return services;
    }
}
