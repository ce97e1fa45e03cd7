using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RunnerTokens.Api.FunctionalTests.Infrastructure;

/// <summary>Keeps every log entry the service writes (register it as an <see cref="ILoggerProvider"/> service).</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    /// <summary>Each entry as one line: category, level, message, exception.</summary>
    public IEnumerable<string> Lines => Entries.Select(e => $"{e.Category} {e.Level}: {e.Message} {e.Exception}");

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, Entries);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new CapturedLog(category, logLevel, eventId.Id, formatter(state, exception), exception));
    }
}

public sealed record CapturedLog(string Category, LogLevel Level, int EventId, string Message, Exception? Exception);
