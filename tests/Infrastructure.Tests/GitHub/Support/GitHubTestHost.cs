using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.GitHub.Simulator;
using RunnerTokens.Infrastructure.GitHub;
using RunnerTokens.Infrastructure.GitHub.Options;

namespace RunnerTokens.Infrastructure.Tests.GitHub.Support;

/// <summary>The real <c>AddGitHub</c> registration (plus the simulator in Simulator mode, as the host adds it) over in-memory configuration, for one test.</summary>
internal sealed class GitHubTestHost : IAsyncDisposable
{
    public const string Org = "octo-org";
    public const long InstallationId = 1;
    public const string AppId = "12345";

    // The timeouts run on the real clock. An attempt that outlives AttemptTimeout (a cold first request on a
    // machine with a load average of 40+) is resent by the retry strategy, and GitHub then sees one request more
    // than the client made: an exact count such as "two installation-token mints" fails although the client
    // minted twice. Tests that are about timeouts set their own (short) ones; everyone else must never hit these.
    private const string SlowMachineAttemptTimeout = "00:01:00";
    private const string SlowMachineTotalTimeout = "00:02:00";

    private GitHubTestHost(ServiceProvider services, CapturingLoggerProvider logs)
    {
        Services = services;
        Logs = logs;
    }

    public ServiceProvider Services { get; }

    public CapturingLoggerProvider Logs { get; }

    public IGitHubRunners Runners => Services.GetRequiredService<IGitHubRunners>();

    public IGitHubRateLimits RateLimits => Services.GetRequiredService<IGitHubRateLimits>();

    public GitHubSimulator Simulator => Services.GetRequiredService<GitHubSimulator>();

    /// <summary>Settings for the real client against <paramref name="apiBaseUrl"/> (WireMock), fast retries, one org.</summary>
    public static Dictionary<string, string?> GitHubSettings(string apiBaseUrl) => new()
    {
        ["GitHub:Mode"] = "GitHub",
        ["GitHub:AppId"] = AppId,
        ["GitHub:PrivateKey"] = TestKeys.PrivatePem,
        ["GitHub:ApiBaseUrl"] = apiBaseUrl,
        ["GitHub:Organizations:0:Name"] = Org,
        ["GitHub:Organizations:0:InstallationId"] = InstallationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["GitHub:Resilience:RetryBaseDelay"] = "00:00:00.001",
        ["GitHub:Resilience:AttemptTimeout"] = SlowMachineAttemptTimeout,
        ["GitHub:Resilience:TotalTimeout"] = SlowMachineTotalTimeout,
    };

    /// <summary>Settings for Simulator mode with the same org and installation id.</summary>
    public static Dictionary<string, string?> SimulatorSettings() => new()
    {
        ["GitHub:Mode"] = "Simulator",
        ["GitHub:AllowSimulatorInProduction"] = "true",
        ["GitHub:AppId"] = AppId,
        ["GitHub:Organizations:0:Name"] = Org,
        ["GitHub:Organizations:0:InstallationId"] = InstallationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["GitHub:Resilience:RetryBaseDelay"] = "00:00:00.001",
        ["GitHub:Resilience:AttemptTimeout"] = SlowMachineAttemptTimeout,
        ["GitHub:Resilience:TotalTimeout"] = SlowMachineTotalTimeout,
        ["GitHub:Simulator:RunnerOnlineDelay"] = "00:00:05",
    };

    public static GitHubTestHost Create(IDictionary<string, string?> settings, TimeProvider? timeProvider = null, string environmentName = "Production")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        var environment = new HostingEnvironment
        {
            EnvironmentName = environmentName,
            ApplicationName = "RunnerTokens.Tests",
            ContentRootPath = AppContext.BaseDirectory,
        };
        services.AddGitHub(configuration, environment);
        if (GitHubRegistration.ModeFor(configuration, environment) == GitHubMode.Simulator)
        {
            services.AddGitHubSimulator();
        }

        return new GitHubTestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), logs);
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
