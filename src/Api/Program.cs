using Mediator;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RunnerTokens.Api;
using RunnerTokens.Api.Commands;
using RunnerTokens.Api.Hosting;
using RunnerTokens.Api.Observability;
using RunnerTokens.Application;
using RunnerTokens.Application.Common.Behaviors;
using RunnerTokens.GitHub.Simulator;
using RunnerTokens.Infrastructure;
using RunnerTokens.Infrastructure.GitHub;
using RunnerTokens.Infrastructure.GitHub.Options;
using RunnerTokens.Infrastructure.Persistence;
using RunnerTokens.Web;
using Scalar.AspNetCore;

var adminCommand = AdminCommandLine.Parse(args); // create-admin, verify-audit, export-audit: docs/operations.md
if (adminCommand is UsageErrorCommand wrong)
{
    Environment.ExitCode = wrong.Report(Console.Error); // before anything touches the database
    return;
}

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddMediator((MediatorOptions options) =>
{
    // Scoped: handlers use the scoped DbContext.
    options.ServiceLifetime = ServiceLifetime.Scoped;
    // Authorization after validation, where the handlers checked before: an invalid request stays a 400, not a 403.
    options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>), typeof(AuthorizationBehavior<,>)];
});
builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration, builder.Environment);
var simulatedGitHub = GitHubRegistration.ModeFor(builder.Configuration, builder.Environment) == GitHubMode.Simulator;
if (simulatedGitHub)
{
    builder.Services.AddGitHubSimulator(); // The in-memory GitHub behind the real client (Development, demos).
}

builder.AddApi();
builder.AddDashboard(simulatedGitHub); // the web dashboard at `/`, over the same use cases
if (adminCommand is not null)
{
    builder.LogToStandardError(); // standard output is the command's (an export may go there)
}

var app = builder.Build();

// `dotnet RunnerTokens.Api.dll migrate` applies migrations and exits: the production deployment step.
var migrateOnly = args.Contains("migrate", StringComparer.OrdinalIgnoreCase);
if (migrateOnly || app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
    if (migrateOnly)
    {
        return;
    }
}

if (adminCommand is not null)
{
    Environment.ExitCode = await adminCommand.RunFromConsoleAsync(app.Services);
    return;
}

app.UseConfiguredForwardedHeaders(); // first: everything after it sees the client, not the proxy
app.UseMiddleware<RequestLogMiddleware>(); // one log line per request
app.UseExceptionHandler();
app.UseMetricsPort();
app.UseHstsOutsideDevelopment();
app.UseStatusCodePages();
app.UseRouting();
app.UseAuthentication();
app.UseRateLimiter(); // after authentication: callers are limited per principal
app.UseMiddleware<RunnerTokens.Api.Auth.PrincipalResolutionMiddleware>();
app.UseAuthorization();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
app.MapMetrics();
app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
app.MapScalarApiReference("/docs", options => options.WithTitle("RunnerTokens API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
app.MapControllers();
app.MapBenchEndpoints(); // only with Bench:Enabled (bench/run.sh)
app.MapDashboard();
app.LogStartupBanner();

await app.RunAsync();

/// <summary>Entry point; public so functional tests can host it with WebApplicationFactory.</summary>
public partial class Program;
