using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Sync.Common;
using RunnerTokens.Infrastructure.Configuration;

namespace RunnerTokens.Infrastructure.Sync;

internal static class SyncRegistration
{
    public static IServiceCollection AddSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SyncOptions, SyncOptionsValidator>(configuration.GetSection(SyncOptions.SectionName));
        services.AddSingleton<SyncWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncWorker>());
        return services;
    }
}
