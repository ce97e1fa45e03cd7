using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace RunnerTokens.Api.Observability;

/// <summary>
/// The Prometheus scrape endpoint, shaped by <see cref="MetricsEndpointOptions"/>: on the main port (default) or a
/// port of its own (<c>Metrics:Port</c>), anonymous (default) or behind a bearer (<c>Metrics:RequireAuthorization</c>).
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static WebApplicationBuilder AddMetricsEndpoint(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MetricsEndpointOptions.SectionName).Get<MetricsEndpointOptions>() ?? new MetricsEndpointOptions();
        builder.Services.AddOptions<MetricsEndpointOptions>().Bind(builder.Configuration.GetSection(MetricsEndpointOptions.SectionName));
        if (options.Port is not { } port)
        {
            return builder;
        }

        if (port is < 1 or > 65535)
        {
            throw new OptionsValidationException(MetricsEndpointOptions.SectionName, typeof(MetricsEndpointOptions),
                [$"{MetricsEndpointOptions.SectionName}:Port {port} is not a TCP port (1-65535)."]);
        }

        // Listen on the metrics port as well as wherever the service listens already (URLS, HTTP_PORTS, HTTPS_PORTS).
        var addresses = ListeningAddresses(builder.Configuration);
        addresses.Add($"http://*:{port}");
        builder.WebHost.UseUrls([.. addresses]);
        return builder;
    }

    /// <summary>With a metrics port: that port serves <c>/metrics</c> only, and the other ports do not serve it.</summary>
    public static WebApplication UseMetricsPort(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MetricsEndpointOptions>>().Value.Port is not { } port)
        {
            return app;
        }

        app.Use((context, next) =>
        {
            var onMetricsPort = context.Connection.LocalPort == port;
            var isMetrics = context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase);
            if (onMetricsPort != isMetrics)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        var endpoint = app.MapPrometheusScrapingEndpoint(Path);
        if (app.Services.GetRequiredService<IOptions<MetricsEndpointOptions>>().Value.RequireAuthorization)
        {
            endpoint.RequireAuthorization(); // the default policy: a bearer of a known, active principal
        }
        else
        {
            endpoint.AllowAnonymous();
        }

        return app;
    }

    private static List<string> ListeningAddresses(IConfiguration configuration)
    {
        if (configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls)
        {
            return [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        var addresses = Ports(configuration[WebHostDefaults.HttpPortsKey]).Select(p => $"http://*:{p}")
            .Concat(Ports(configuration[WebHostDefaults.HttpsPortsKey]).Select(p => $"https://*:{p}"))
            .ToList();
        if (addresses.Count == 0)
        {
            addresses.Add("http://localhost:5000"); // Kestrel's own default
        }

        return addresses;
    }

    private static IEnumerable<string> Ports(string? value) =>
        (value ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
