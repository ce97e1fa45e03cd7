using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RunnerTokens.Infrastructure.GitHub;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        services.AddPersistence(configuration, environment.ContentRootPath);
        services.AddGitHub(configuration, environment);
        return services;
    }
}
