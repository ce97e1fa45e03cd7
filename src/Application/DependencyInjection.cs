using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Audit.SealAuditTrail;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Metrics;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Identity;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Application.Sync.Common;
using RunnerTokens.Application.Sync.SyncOrganization;
using RunnerTokens.Application.Webhooks.ApplyWebhookDelivery;

namespace RunnerTokens.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the application layer. The Mediator source generator runs in the host (AddMediator there)
    /// because its options must be compile-time constants in the assembly that calls it.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        // Singletons: validators hold no state and take no dependencies, so their rules are built once, not per request.
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddScoped<AuditTrailSealer>();
        services.AddSingleton<SecurityEventThrottle>();
        services.AddSingleton<PrincipalCache>();
        services.AddSingleton<RunnerTokensMetrics>();
        services.AddScoped<RunnerReserver>();
        services.AddSingleton<RunnerChangeFeed>();
        services.AddScoped<RunnerRemoval>();
        services.AddScoped<WorkflowRunCanceller>();
        services.AddScoped<SyncedOrganizations>();
        services.AddScoped<RunnerCountGauges>();
        services.AddScoped<SyncStatusRecorder>();
        services.AddSingleton<OrganizationSyncGate>();
        services.AddScoped<UnmanagedRunnerSweep>();
        services.AddOptions<SyncOptions>();
        services.AddScoped<JobPolicyEnforcer>();
        services.AddScoped<UnmanagedJobEnforcer>();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<PrincipalOptions>();
        services.AddScoped<Identity.ResolvePrincipal.PrincipalSecurityEvents>();
        services.AddScoped<Identity.ResolvePrincipal.MachineIdentitySignIn>();
        services.AddScoped<Identity.ResolvePrincipal.UserSignIn>();
        services.AddScoped<MachineIdentities.MachineIdentityAdmission>();
        return services;
    }
}
