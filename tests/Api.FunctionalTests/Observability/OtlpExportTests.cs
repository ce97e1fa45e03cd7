using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace RunnerTokens.Api.FunctionalTests.Observability;

/// <summary>
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> switches on OTLP export of traces and metrics (a WireMock collector receives
/// them); without it no OTLP exporter is registered at all.
/// </summary>
public sealed class OtlpExportTests
{
    [Test]
    public async Task With_an_otlp_endpoint_traces_and_metrics_reach_the_collector()
    {
        var collectorUrl = $"http://127.0.0.1:{FreePort()}";
        using var collector = WireMockServer.Start(new WireMockServerSettings { Urls = [collectorUrl] });
        collector.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        IReadOnlyList<ServiceDescriptor> registered = [];
        await using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collectorUrl,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            },
            ConfigureServices = services => registered = [.. services],
        });
        using var client = factory.CreateClient();

        // The in-memory server runs the request in this test's execution context: an activity left current by
        // earlier work on this thread would become the request's parent and, unsampled, drop its span.
        Activity.Current = null;
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The server ends the request's span when it disposes the request context, which can be just after the
        // client has its response: flush until the span has gone out (or 10 s have passed), not once.
        var tracer = factory.Services.GetRequiredService<TracerProvider>();
        for (var attempt = 0; attempt < 50 && !collector.LogEntries.Any(e => e.RequestMessage?.Path == "/v1/traces"); attempt++)
        {
            tracer.ForceFlush(10_000).ShouldBeTrue();
            await Task.Delay(attempt == 0 ? 0 : 200);
        }

        // Not asserted: the Prometheus reader (pull only) reports false to a flush; the OTLP reader exports.
        factory.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);

        var posts = collector.LogEntries.Select(e => e.RequestMessage).Where(m => m is not null).ToList();
        var seen = string.Join(", ", posts.Select(m => m!.Method + " " + m.Path));
        posts.ShouldContain(m => m!.Path == "/v1/traces", $"no trace export reached the collector (it saw: {seen})");
        posts.ShouldContain(m => m!.Path == "/v1/metrics", "no metric export reached the collector");
        posts.ShouldAllBe(m => m!.Headers!["Content-Type"].Single().StartsWith("application/x-protobuf", StringComparison.Ordinal));
        registered.ShouldContain(d => IsOtlp(d), "the registration check below must be able to see the exporter");
    }

    [Test]
    public async Task Without_an_otlp_endpoint_no_otlp_exporter_is_registered()
    {
        IReadOnlyList<ServiceDescriptor> registered = [];
        await using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions
        {
            ConfigureServices = services => registered = [.. services],
        });
        using var client = factory.CreateClient();

        (await client.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.OK, "the Prometheus endpoint stays");
        registered.ShouldNotBeEmpty();
        registered.ShouldNotContain(d => IsOtlp(d));
    }

    private static bool IsOtlp(ServiceDescriptor descriptor)
    {
        var otlp = typeof(OtlpExporterOptions).Assembly;
        return Involves(descriptor.ServiceType) || Involves(descriptor.ImplementationType);

        bool Involves(Type? type) =>
            type is not null && (type.Assembly == otlp || type.GenericTypeArguments.Any(Involves));
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
