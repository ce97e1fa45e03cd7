using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RunnerTokens.Infrastructure.Audit;

internal static class AuditRegistration
{
    public static IServiceCollection AddAuditSealing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditSealingOptions>()
            .Bind(configuration.GetSection(AuditSealingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHostedService<AuditSealingService>();
        return services;
    }
}
