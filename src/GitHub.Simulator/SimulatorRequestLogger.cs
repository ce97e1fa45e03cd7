using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace RunnerTokens.GitHub.Simulator;

/// <summary>
/// Logs each call the GitHub clients make to the simulator under the simulator's own category, naming the
/// simulator and the path (never the api.github.com address the client is configured with, which it never
/// reaches), replacing HttpClient's default request logs. Never logs headers or bodies.
/// </summary>
internal sealed partial class SimulatorRequestLogger(ILogger<GitHubSimulator> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        LogAnswered(logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty, (int)response.StatusCode, elapsed.TotalMilliseconds);

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        LogFailed(logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty, exception.GetType().Name, elapsed.TotalMilliseconds);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "GitHub simulator: {Method} {Path} answered {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogAnswered(ILogger logger, string method, string path, int status, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "GitHub simulator: {Method} {Path} failed ({Failure}) after {ElapsedMs:0.0} ms")]
    private static partial void LogFailed(ILogger logger, string method, string path, string failure, double elapsedMs);
}
