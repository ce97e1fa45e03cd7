using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Infrastructure.Configuration;

namespace RunnerTokens.Infrastructure.Audit;

internal static partial class AuditRegistration
{
    public static IServiceCollection AddAuditSealing(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddValidatedOptions<AuditSealingOptions, AuditSealingOptionsValidator>(configuration.GetSection(AuditSealingOptions.SectionName));
        services.AddOptions<AuditChainOptions>()
            .Bind(configuration.GetSection(AuditChainOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditChainOptions>, AuditChainOptionsValidator>();
        services.AddSingleton(provider =>
        {
            var errors = new List<string>();
            var ring = AuditChainKeys.TryBuild(provider.GetRequiredService<IOptions<AuditChainOptions>>().Value, environment, errors, out var development)
                ?? throw new InvalidOperationException(string.Join(" ", errors));
            if (development)
            {
                LogDevelopmentKey(provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuditChainKeys)), environment.EnvironmentName);
            }

            return ring;
        });
        services.AddHostedService<AuditSealingService>();
        return services;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit chain: no Audit:ChainKey or Audit:ChainKeyPath set; using the fixed development key in {Environment}. Never use this outside development: anyone can forge audit events with it")]
    private static partial void LogDevelopmentKey(ILogger logger, string environment);
}
