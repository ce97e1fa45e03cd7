using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Infrastructure.Identity;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        services.AddPersistence(configuration, contentRootPath);
        services.AddSingleton<ITokenReplayGuard, TokenReplayGuard>();
        return services;
    }
}
