using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Common.Interfaces;

namespace RunnerTokens.Infrastructure.Persistence;

internal static class PersistenceRegistration
{
    public const string ConnectionStringName = "RunnerTokens";

    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName));
        var connectionString = configuration.GetConnectionString(ConnectionStringName);

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString = SqliteConnectionString(connectionString, contentRootPath);
                services.AddDbContext<SqliteAppDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(SqliteConnectionSettings.Instance));
                Register<SqliteAppDbContext>(services);
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<SqlServerAppDbContext>(o => o.UseSqlServer(
                    Required(connectionString, options.Provider),
                    sql => sql.EnableRetryOnFailure()));
                Register<SqlServerAppDbContext>(services);
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContext<PostgreSqlAppDbContext>(o => o.UseNpgsql(
                    Required(connectionString, options.Provider),
                    npgsql => npgsql.EnableRetryOnFailure()));
                Register<PostgreSqlAppDbContext>(services);
                break;
            default:
                throw new InvalidOperationException(
                    $"Database:Provider '{options.Provider}' is not supported; use Sqlite, SqlServer or PostgreSql.");
        }

        services.AddScoped<DatabaseMigrator>();
        return services;
    }

    private static void Register<TContext>(IServiceCollection services)
        where TContext : AppDbContext
    {
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<TContext>());
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<TContext>());
    }

    private static string Required(string? connectionString, DatabaseProvider provider) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is required when Database:Provider is {provider}.")
            : connectionString;

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
