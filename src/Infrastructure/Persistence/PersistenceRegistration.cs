using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Infrastructure.Configuration;
using RunnerTokens.Infrastructure.Identity;
using RunnerTokens.Infrastructure.Runners;

namespace RunnerTokens.Infrastructure.Persistence;

internal static class PersistenceRegistration
{
    public const string ConnectionStringName = "RunnerTokens";

    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        // The provider decides which context is registered, so it is read (and validated) now.
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        var options = services.BindValidatedNow(
            configuration.GetSection(DatabaseOptions.SectionName), new DatabaseOptionsValidator(connectionString));

        // Pooled contexts (AppDbContext holds no per-request state): no model or service wiring per request.
        services.AddSingleton<PrincipalCacheInvalidation>();
        services.AddSingleton<RunnerChangePublication>();

        // What every provider's contexts share: the thread-safety setting and the interceptors that publish changes
        // (added after a provider's own interceptors, in that order).
        DbContextOptionsBuilder Shared(DbContextOptionsBuilder builder, IServiceProvider sp) => builder
            .EnableThreadSafetyChecks(options.ThreadSafetyChecks)
            .AddInterceptors(sp.GetRequiredService<PrincipalCacheInvalidation>(), sp.GetRequiredService<RunnerChangePublication>());

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString = SqliteConnectionString(connectionString, contentRootPath);
                var writeGate = new SqliteWriteGate(TimeSpan.FromSeconds(new SqliteConnectionStringBuilder(connectionString).DefaultTimeout));
#pragma warning disable EF1001 // the provider's connection service, replaced by its subclass (SqliteConnectionWithoutFunctions says why)
                services.AddDbContextPool<SqliteAppDbContext>((sp, o) => Shared(o.UseSqlite(connectionString)
                    .ReplaceService<ISqliteRelationalConnection, SqliteConnectionWithoutFunctions>()
                    .AddInterceptors(SqliteConnectionSettings.Instance, writeGate), sp));
#pragma warning restore EF1001
                Register<SqliteAppDbContext>(services);
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContextPool<SqlServerAppDbContext>((sp, o) => Shared(o.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure()), sp));
                Register<SqlServerAppDbContext>(services);
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContextPool<PostgreSqlAppDbContext>((sp, o) => Shared(o.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure()), sp));
                Register<PostgreSqlAppDbContext>(services);
                break;
            default:
                throw new UnreachableException("DatabaseOptionsValidator accepts only the providers above.");
        }

        services.AddScoped<DatabaseMigrator>();
        services.AddDatabaseDataProtection();
        return services;
    }

    private static void Register<TContext>(IServiceCollection services)
        where TContext : AppDbContext
    {
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<TContext>());
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<TContext>());
    }

    /// <summary>The zero-setup default: a file in the app's data folder, created if missing.</summary>
    private static string SqliteConnectionString(string? configured, string contentRootPath)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured)
                ? $"Data Source={Path.Combine(contentRootPath, "App_Data", "runnertokens.db")}"
                : configured);
        if (builder.Mode != SqliteOpenMode.Memory && !builder.DataSource.StartsWith(':'))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        // Writers wait for each other instead of failing at once with SQLITE_BUSY.
        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }
}
