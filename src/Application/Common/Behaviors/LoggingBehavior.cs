using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Common.Behaviors;

/// <summary>
/// Logs the message type, duration and outcome code of every message at Debug (the host writes the one
/// Information line per HTTP request); a message that throws is a Warning, unless it was cancelled by its caller
/// (a client that disconnected, a host stopping: Debug). Never the payload.
/// </summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                var outcome = response is Result { IsFailure: true } failed ? failed.Error.Code : "ok";
                LogHandled(logger, typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, outcome);
            }

            return response;
        }
        catch (Exception ex) when (LogFailed(typeof(TMessage).Name, started, ex, cancellationToken))
        {
            throw; // Unreachable: the filter only logs.
        }
    }

    private bool LogFailed(string messageType, long started, Exception ex, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // The caller went away (a client that disconnected, a host stopping): nothing went wrong here.
            LogCancelled(logger, messageType, elapsed);
        }
        else
        {
            LogThrew(logger, messageType, elapsed, ex.GetType().Name);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled {MessageType} in {ElapsedMs:0.0} ms: {Outcome}")]
    private static partial void LogHandled(ILogger logger, string messageType, double elapsedMs, string outcome);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{MessageType} cancelled by its caller after {ElapsedMs:0.0} ms")]
    private static partial void LogCancelled(ILogger logger, string messageType, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{MessageType} threw {ExceptionType} after {ElapsedMs:0.0} ms")]
    private static partial void LogThrew(ILogger logger, string messageType, double elapsedMs, string exceptionType);
}
