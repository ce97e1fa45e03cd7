using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Webhooks;

namespace RunnerTokens.Infrastructure.Webhooks;

internal static class WebhooksRegistration
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Configure(options =>
        {
            options.Secret = configuration["GitHub:WebhookSecret"];
            options.EnforcementMode = configuration.GetValue("Webhooks:EnforcementMode", EnforcementMode.Audit);
        });
        services.AddSingleton<WebhookDeliverySignal>();
        services.AddSingleton<IWebhookDeliverySignal>(sp => sp.GetRequiredService<WebhookDeliverySignal>());
        services.AddSingleton<WebhookProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookProcessor>());
        return services;
    }
}
