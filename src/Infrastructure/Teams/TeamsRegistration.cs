using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Common.Interfaces;

namespace RunnerTokens.Infrastructure.Teams;

internal static class TeamsRegistration
{
    public static IServiceCollection AddTeams(this IServiceCollection services)
    {
        services.AddSingleton<IOrganizationCatalog, ConfigurationOrganizationCatalog>();
        services.AddScoped<ILiveRunnerCounter, DatabaseLiveRunnerCounter>();
        return services;
    }
}
