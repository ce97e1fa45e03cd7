using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Infrastructure.GitHub.Api;
using RunnerTokens.Infrastructure.GitHub.Auth;
using RunnerTokens.Infrastructure.GitHub.Caching;
using RunnerTokens.Infrastructure.GitHub.Options;
using RunnerTokens.Infrastructure.GitHub.RateLimits;
using RunnerTokens.Infrastructure.GitHub.Resilience;

namespace RunnerTokens.Infrastructure.GitHub;

/// <summary>
/// Registers the GitHub integration: options, App auth, the Refit clients with resilience, the port. In Simulator
/// mode the host also adds the simulator (RunnerTokens.GitHub.Simulator) as the clients' primary handler.
/// </summary>
public static class GitHubRegistration
{
    public const string ApiClientName = "GitHub.Api";
    public const string AppClientName = "GitHub.App";
    public const string ApiVersion = "2022-11-28";
    public const string MediaType = "application/vnd.github+json";

    /// <summary>
    /// Adds <see cref="IGitHubRunners"/> and <see cref="IGitHubRateLimits"/> from the <c>GitHub</c> section.
    /// <c>GitHub:Mode</c> defaults to Simulator in Development and GitHub elsewhere (<see cref="ModeFor"/>); the
    /// options are validated when the host starts. In Simulator mode the host must also add the simulator.
    /// </summary>
    public static IServiceCollection AddGitHub(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var mode = ModeFor(configuration, environment);
        var section = configuration.GetSection(GitHubOptions.SectionName);

        services.TryAddSingleton(environment);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddOptions<GitHubOptions>()
            .Bind(section)
            .PostConfigure(o => o.Mode ??= mode)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GitHubOptions>, GitHubOptionsValidator>();

        services.AddSingleton<GitHubAppCredentials>();
        services.AddSingleton<GitHubAppJwtSigner>();
        services.AddSingleton<GitHubRateLimitTracker>();
        services.AddSingleton<IGitHubRateLimits>(sp => sp.GetRequiredService<GitHubRateLimitTracker>());
        services.AddSingleton<GitHubMetrics>();
        services.AddSingleton<InstallationTokenCache>();
        services.AddSingleton<GitHubInstallations>();
        services.AddTransient<IGitHubRunners, GitHubRunnersClient>();

        services.AddSingleton<ConditionalResponseCache>();
        services.AddTransient<ConditionalRequestHandler>();
        var api = services.AddRefitGeneratedClient<IGitHubApi>(GitHubJsonContext.Default, _ => null!, ApiClientName);
        ConfigureClient(api, "github-api", retryPost: false);

        // Inside the resilience pipeline: every attempt may be answered 304 from the remembered page.
        api.AddHttpMessageHandler<ConditionalRequestHandler>();
        ConfigureClient(services.AddRefitGeneratedClient<IGitHubAppApi>(GitHubJsonContext.Default, _ => null!, AppClientName), "github-app", retryPost: true);
        return services;
    }

    /// <summary>
    /// The mode in force for <paramref name="configuration"/>: <c>GitHub:Mode</c> if set, otherwise Simulator in
    /// Development and GitHub elsewhere. The host uses it to decide whether to add the simulator.
    /// </summary>
    public static GitHubMode ModeFor(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configuredMode = configuration.GetSection(GitHubOptions.SectionName).GetValue<GitHubMode?>(nameof(GitHubOptions.Mode));
        return configuredMode ?? (environment.IsDevelopment() ? GitHubMode.Simulator : GitHubMode.GitHub);
    }

    /// <summary>The User-Agent every request carries: <c>RunnerTokens/&lt;version&gt;</c>.</summary>
    public static string UserAgent { get; } = "RunnerTokens/" + ServiceVersion();

    private static void ConfigureClient(IHttpClientBuilder client, string pipelineName, bool retryPost)
    {
        client.ConfigureHttpClient((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<GitHubOptions>>().Value;

            // Refit joins the base address path and the method's "/orgs/..." path, so a GHES base such as
            // https://HOST/api/v3 keeps its /api/v3 (a trailing slash is trimmed first).
            http.BaseAddress = new Uri(options.ApiBaseUrl.TrimEnd('/'));
            http.Timeout = Timeout.InfiniteTimeSpan; // The resilience pipeline owns timeouts.
            http.DefaultRequestHeaders.Accept.ParseAdd(MediaType);
            http.DefaultRequestHeaders.Add("X-GitHub-Api-Version", ApiVersion);
            http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        });
        client.RedactLoggedHeaders(_ => true);

        client.AddResilienceHandler(pipelineName, (builder, context) =>
            {
                var sp = context.ServiceProvider;
                var options = sp.GetRequiredService<IOptions<GitHubOptions>>().Value;
                GitHubResiliencePipeline.Configure(
                    builder,
                    options.Resilience,
                    sp.GetRequiredService<TimeProvider>(),
                    retryPost,
                    context.InstanceName,
                    sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GitHubResiliencePipeline).FullName!));
            })
            .SelectPipelineBy(sp =>
            {
                var options = sp.GetRequiredService<IOptions<GitHubOptions>>().Value;
                var basePath = Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri) ? uri.AbsolutePath : string.Empty;
                return request => GitHubRequestKey.For(request.RequestUri, basePath);
            });
    }

    private static string ServiceVersion()
    {
        var assembly = typeof(GitHubRegistration).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var version = informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        return version;
    }
}
