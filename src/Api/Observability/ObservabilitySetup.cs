using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace RunnerTokens.Api.Observability;

internal static class ObservabilitySetup
{
    /// <summary>The meter every domain counter of the service belongs to.</summary>
    public const string MeterName = "RunnerTokens";

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        // Structured JSON logs in production; readable single lines while developing.
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
        else
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("runnertokens", serviceVersion: typeof(ObservabilitySetup).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(MeterName)
                .AddPrometheusExporter()
                .AddOtlpExportIfConfigured(builder.Configuration))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddSource(MeterName)
                .AddOtlpExportIfConfigured(builder.Configuration));
        return builder;
    }
}
