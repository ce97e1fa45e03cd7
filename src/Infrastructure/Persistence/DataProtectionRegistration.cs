using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace RunnerTokens.Infrastructure.Persistence;

/// <summary>
/// ASP.NET Core data protection (the dashboard's session cookie, antiforgery tokens) with its key ring in the app's
/// database and a fixed application name, so every replica on the same database reads the cookies the others issue.
/// </summary>
internal static class DataProtectionRegistration
{
    /// <summary>Fixed rather than derived from the content root, which differs between hosts and container images.</summary>
    public const string ApplicationName = "RunnerTokens";

    public static IServiceCollection AddDatabaseDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<AppDbContext>();
        return services;
    }
}
