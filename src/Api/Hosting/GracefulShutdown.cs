using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace RunnerTokens.Api.Hosting;

/// <summary>
/// The shutdown sequence on SIGTERM (or StopApplication), within <c>HostOptions:ShutdownTimeout</c>:
/// <list type="number">
/// <item>before anything else stops, readiness turns unhealthy for good (<see cref="ReadinessCheck"/>) and the
/// replica keeps serving for <see cref="ShutdownOptions.DrainDelay"/>, so balancers route new requests elsewhere;</item>
/// <item>Kestrel stops accepting connections and waits for the requests in flight (a provisioning finishes, or
/// compensates if its commit fails);</item>
/// <item>the background workers stop and release their database leases, so another replica takes over at once.</item>
/// </list>
/// Whatever has not finished when the timeout ends is cancelled and the process exits.
/// </summary>
internal static partial class GracefulShutdown
{
    public const string HostOptionsSection = "HostOptions";

    /// <summary>The .NET default, kept explicit so the chart's <c>terminationGracePeriodSeconds</c> can be derived from it.</summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(30);

    public static WebApplicationBuilder AddGracefulShutdown(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<HostOptions>()
            .Configure(o => o.ShutdownTimeout = DefaultShutdownTimeout)
            .Bind(builder.Configuration.GetSection(HostOptionsSection));
        services.AddOptions<ShutdownOptions>()
            .Bind(builder.Configuration.GetSection(ShutdownOptions.SectionName))
            .Validate<IOptions<HostOptions>>(
                (shutdown, host) => shutdown.DrainDelay >= TimeSpan.Zero && shutdown.DrainDelay < host.Value.ShutdownTimeout,
                $"{ShutdownOptions.SectionName}:DrainDelay must be at least 0 and shorter than {HostOptionsSection}:ShutdownTimeout.")
            .ValidateOnStart();
        services.AddSingleton<ShutdownState>();
        services.AddHostedService<Drain>();
        return builder;
    }

    /// <summary>Set once the host began stopping; never cleared.</summary>
    internal sealed class ShutdownState
    {
        private volatile bool _stopping;

        public bool IsStopping => _stopping;

        public void MarkStopping() => _stopping = true;
    }

    /// <summary>Unhealthy once the host is stopping: the first thing a balancer sees of a shutdown.</summary>
    internal sealed class ReadinessCheck(ShutdownState state) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(state.IsStopping ? HealthCheckResult.Unhealthy("Shutting down.") : HealthCheckResult.Healthy());
    }

    /// <summary>
    /// Runs in <see cref="IHostedLifecycleService.StoppingAsync"/>, which the host calls before it stops any
    /// hosted service (the server included): turns readiness unhealthy, then waits the drain delay.
    /// </summary>
    private sealed partial class Drain(ShutdownState state, IOptions<ShutdownOptions> options, TimeProvider clock, ILogger<Drain> logger)
        : IHostedLifecycleService
    {
        public async Task StoppingAsync(CancellationToken cancellationToken)
        {
            state.MarkStopping();
            var delay = options.Value.DrainDelay;
            LogDraining(logger, delay.TotalSeconds);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: readiness is now unhealthy; serving {DrainSeconds} s more before the server stops accepting connections")]
        private static partial void LogDraining(ILogger logger, double drainSeconds);
    }
}
