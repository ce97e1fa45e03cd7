using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Infrastructure.Audit;
using RunnerTokens.Infrastructure.Coordination;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        services.AddPersistence(configuration, contentRootPath);
        services.AddSingleton<LeaseHolderIdentity>();
        services.AddScoped<IDistributedLease, DatabaseLease>();
        services.AddAuditSealing(configuration);
        return services;
    }
}
