using System.Diagnostics;

namespace RunnerTokens.Api.Observability;

/// <summary>
/// The one structured log line per HTTP request (Information): method, route, status and duration; the trace id
/// comes with the logging scopes. Health probes and metric scrapes log at Debug. Never headers, bodies or tokens.
/// The mediator's per-message lines (<c>LoggingBehavior</c>) are at Debug, so a request costs one line, not three.
/// </summary>
internal sealed partial class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var path = context.Request.Path;
            var quiet = path.StartsWithSegments("/health", StringComparison.Ordinal) || path.StartsWithSegments("/metrics", StringComparison.Ordinal);
            if (logger.IsEnabled(quiet ? LogLevel.Debug : LogLevel.Information))
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? path.Value ?? string.Empty;
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (quiet)
                {
                    LogProbe(logger, context.Request.Method, route, context.Response.StatusCode, elapsed);
                }
                else
                {
                    LogRequest(logger, context.Request.Method, route, context.Response.StatusCode, elapsed);
                }
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "HTTP {Method} {Route} answered {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string route, int statusCode, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "HTTP {Method} {Route} answered {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogProbe(ILogger logger, string method, string route, int statusCode, double elapsedMs);
}
