using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RunnerTokens.Api.Observability.Logging;

namespace RunnerTokens.Api.Observability;

public static class ObservabilitySetup
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

            // The same formatter and options, written in batches (BatchedConsoleLoggerProvider says why).
            foreach (var console in builder.Services.Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider)).ToList())
            {
                builder.Services.Remove(console);
            }

            builder.Services.AddSingleton<ILoggerProvider, BatchedConsoleLoggerProvider>();
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("runnertokens", serviceVersion: typeof(ObservabilitySetup).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(MeterName)
                .AddPrometheusExporter()
                .AddOtlpExportIfConfigured(builder.Configuration));

        // Spans only when something receives them: a sampled span per request and per GitHub call, filled with tags,
        // costs CPU and allocations on every request (issue 10) and without an exporter nobody reads it. The trace id
        // in logs and problems does not depend on this (ASP.NET Core keeps its own activity for them).
        if (OtlpExport.IsEnabled(builder.Configuration))
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddSource(MeterName)
                .AddOtlpExportIfConfigured(builder.Configuration));
        }

        return builder;
    }
}
