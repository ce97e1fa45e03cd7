using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using RunnerTokens.Api.Auth;
using RunnerTokens.Infrastructure.GitHub;
using RunnerTokens.Infrastructure.GitHub.Options;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Api.Hosting;

/// <summary>
/// What a person starting the service needs to know, once it listens: one structured line always (API and
/// <c>/docs</c> addresses, GitHub mode, database provider, issuers), a readable block on the console in Development with
/// how to get a development token, and a warning for a service nobody can call (no issuer outside
/// Development) or one that fakes GitHub outside Development (the simulator).
/// </summary>
internal static partial class StartupBanner
{
    public static void LogStartupBanner(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() => Log(app));

    private static void Log(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RunnerTokens.Startup");
        var environment = app.Environment;
        var urls = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var api = urls.FirstOrDefault(u => u.StartsWith("http://", StringComparison.Ordinal)) ?? urls.FirstOrDefault() ?? "(no address)";
        var mode = GitHubRegistration.ModeFor(app.Configuration, environment);
        var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
        var issuers = app.Configuration.GetSection(AuthenticationSettings.SectionName).Get<AuthenticationSettings>()?.Issuers
            .Select(i => i.Name).ToList() ?? [];
        var developmentTokens = environment.IsDevelopment()
            && app.Configuration.GetSection("Authentication:Schemes:" + AuthSchemes.DevelopmentUserJwts).Exists();

        LogStarted(logger, string.Join(", ", urls), api.TrimEnd('/') + "/docs", mode, database, issuers.Count == 0 ? "none" : string.Join(", ", issuers),
            developmentTokens, environment.EnvironmentName);

        if (issuers.Count == 0 && !environment.IsDevelopment())
        {
            LogNoIssuer(logger, environment.EnvironmentName);
        }

        if (mode == GitHubMode.Simulator && !environment.IsDevelopment())
        {
            LogSimulatorOutsideDevelopment(logger, environment.EnvironmentName);
        }

        if (environment.IsDevelopment())
        {
            // The console, not the logger: the Development log format is one line per entry.
            Console.Out.Write(Readable(urls, api, mode, database, issuers, developmentTokens));
        }
    }

    private static string Readable(IReadOnlyList<string> urls, string api, GitHubMode mode, DatabaseProvider database, IReadOnlyList<string> issuers, bool developmentTokens)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("  RunnerTokens is running (Development)");
        text.AppendLine($"    API        {string.Join("  ", urls)}");
        text.AppendLine($"    API docs   {api.TrimEnd('/')}/docs   (OpenAPI: {api.TrimEnd('/')}/openapi/v1.json)");
        text.AppendLine($"    GitHub     {mode}{(mode == GitHubMode.Simulator ? " (in memory: runners come online by themselves, nothing reaches github.com)" : string.Empty)}");
        text.AppendLine($"    Database   {database}");
        text.AppendLine($"    Issuers    {(issuers.Count == 0 ? "none configured" : string.Join(", ", issuers))}{(developmentTokens ? " + dotnet user-jwts (Development only)" : string.Empty)}");
        if (developmentTokens)
        {
            text.AppendLine("    A token    dotnet user-jwts create --project src/Api --name alice --claim email=alice@example.com --output token");
            text.AppendLine("               (an admin: start with Authorization__BootstrapAdmins__0=email:alice@example.com; see docs/getting-started.md)");
        }

        text.AppendLine();
        return text.ToString();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "RunnerTokens started: API {Urls}, docs {DocsUrl}, GitHub mode {GitHubMode}, database {DatabaseProvider}, issuers {Issuers}, development tokens {DevelopmentTokens}, environment {Environment}")]
    private static partial void LogStarted(ILogger logger, string urls, string docsUrl, GitHubMode gitHubMode, DatabaseProvider databaseProvider, string issuers, bool developmentTokens, string environment);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "No token issuer is configured (Authentication:Issuers) in {Environment}: every API call will answer 401. Configure an issuer (docs/authentication.md).")]
    private static partial void LogNoIssuer(ILogger logger, string environment);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "The GitHub simulator is running in {Environment}: no runner reaches GitHub. Set GitHub:Mode to GitHub with the App's credentials (docs/configuration.md).")]
    private static partial void LogSimulatorOutsideDevelopment(ILogger logger, string environment);
}
