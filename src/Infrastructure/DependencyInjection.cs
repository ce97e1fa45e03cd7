using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Infrastructure.Persistence;
using RunnerTokens.Infrastructure.Teams;

namespace RunnerTokens.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        services.AddPersistence(configuration, contentRootPath);
        services.AddTeams();
        return services;
    }
}
