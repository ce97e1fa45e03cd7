using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Infrastructure.Configuration;

namespace RunnerTokens.Infrastructure.Audit;

internal static class AuditRegistration
{
    public static IServiceCollection AddAuditSealing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AuditSealingOptions, AuditSealingOptionsValidator>(configuration.GetSection(AuditSealingOptions.SectionName));
        services.AddHostedService<AuditSealingService>();
        return services;
    }
}
