using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace RunnerTokens.Api.Observability;

/// <summary>
/// OTLP export of traces and metrics, beside the Prometheus endpoint, switched on by the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> setting. Endpoint, protocol (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>), headers
/// and timeouts are read by the exporter itself from the same standard variables.
/// </summary>
internal static class OtlpExport
{
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[EndpointSetting]);

    public static MeterProviderBuilder AddOtlpExportIfConfigured(this MeterProviderBuilder metrics, IConfiguration configuration) =>
        IsEnabled(configuration) ? metrics.AddOtlpExporter() : metrics;

    public static TracerProviderBuilder AddOtlpExportIfConfigured(this TracerProviderBuilder tracing, IConfiguration configuration) =>
        IsEnabled(configuration) ? tracing.AddOtlpExporter() : tracing;
}
