using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Infrastructure.Audit;
using RunnerTokens.Infrastructure.Coordination;
using RunnerTokens.Infrastructure.GitHub;
using RunnerTokens.Infrastructure.Identity;
using RunnerTokens.Infrastructure.Persistence;
using RunnerTokens.Infrastructure.Runners;
using RunnerTokens.Infrastructure.Sync;
using RunnerTokens.Infrastructure.Webhooks;
using RunnerTokens.Infrastructure.Teams;

namespace RunnerTokens.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        services.AddPersistence(configuration, environment.ContentRootPath);
        services.AddSingleton<LeaseHolderIdentity>();
        services.AddScoped<IDistributedLease, DatabaseLease>();
        services.AddAuditSealing(configuration, environment);
        services.AddGitHub(configuration, environment);
        services.AddSingleton<IGitHubWebUrls, GitHubWebUrls>();
        services.AddScoped<ITeamProvisioningLock, DatabaseTeamProvisioningLock>();
        services.AddScoped<IUntrackedRunners, UntrackedRunners>();
        services.AddScoped<IAdminRosterLock, DatabaseAdminRosterLock>();
        services.AddWebhooks(configuration);
        services.AddSync(configuration);
        services.AddTeams();
        services.AddSingleton<ITokenReplayGuard, TokenReplayGuard>();
        return services;
    }
}
