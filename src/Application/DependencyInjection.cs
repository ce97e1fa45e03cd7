using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Audit;
using RunnerTokens.Application.Audit.SealAuditTrail;
using RunnerTokens.Application.Common.Auditing;

namespace RunnerTokens.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the application layer. The Mediator source generator runs in the host (AddMediator there)
    /// because its options must be compile-time constants in the assembly that calls it.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddScoped<AuditTrailSealer>();
        services.AddSingleton<AuditMetrics>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
