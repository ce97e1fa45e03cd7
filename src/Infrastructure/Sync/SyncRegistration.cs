using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Sync.Common;

namespace RunnerTokens.Infrastructure.Sync;

internal static class SyncRegistration
{
    public static IServiceCollection AddSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyncOptions>()
            .Bind(configuration.GetSection(SyncOptions.SectionName))
            .Validate(o => o.Interval > TimeSpan.Zero, "Sync:Interval must be positive.")
            .Validate(o => o.EffectiveLeaseDuration > o.Interval, "Sync:LeaseDuration must be longer than Sync:Interval.")
            .Validate(o => o.PendingTimeout > TimeSpan.Zero && o.OfflineTimeout > TimeSpan.Zero, "Sync timeouts must be positive.")
            .ValidateOnStart();
        services.AddSingleton<SyncWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncWorker>());
        return services;
    }
}
