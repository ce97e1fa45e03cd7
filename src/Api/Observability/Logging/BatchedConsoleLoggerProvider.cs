using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace RunnerTokens.Api.Observability.Logging;

/// <summary>
/// The production console logger: the framework's console formatter (JSON, with scopes, as configured under
/// <c>Logging:Console</c>) and its standard-error threshold, written through <see cref="LogLineWriter"/> in batches
/// instead of a line per hand-off. Same lines, same streams; see <see cref="LogLineWriter"/> for why.
/// </summary>
[ProviderAlias("Console")]
public sealed class BatchedConsoleLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly IOptionsMonitor<ConsoleLoggerOptions> _options;
    private readonly LogLineWriter _writer;
    private readonly bool _ownsWriter;
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public BatchedConsoleLoggerProvider(IOptionsMonitor<ConsoleLoggerOptions> options, IEnumerable<ConsoleFormatter> formatters)
        : this(options, formatters, new LogLineWriter(Console.OpenStandardOutput(), Console.OpenStandardError()), ownsWriter: true)
    {
    }

    public BatchedConsoleLoggerProvider(
        IOptionsMonitor<ConsoleLoggerOptions> options, IEnumerable<ConsoleFormatter> formatters, LogLineWriter writer, bool ownsWriter)
    {
        _options = options;
        var name = options.CurrentValue.FormatterName ?? ConsoleFormatterNames.Json;
        Formatter = formatters.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"No console log formatter named '{name}' is registered.");
        _writer = writer;
        _ownsWriter = ownsWriter;
    }

    public ConsoleFormatter Formatter { get; }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
        if (_ownsWriter)
        {
            _writer.Dispose();
        }
    }

    private sealed class Logger(string category, BatchedConsoleLoggerProvider provider) : ILogger
    {
        /// <summary>One formatting buffer per thread, reused: a line costs its bytes, not a new writer.</summary>
        [ThreadStatic]
        private static StringWriter? t_text;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var text = t_text ??= new StringWriter(new StringBuilder(1024), CultureInfo.InvariantCulture);
            var builder = text.GetStringBuilder();
            builder.Clear();
            provider.Formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), provider._scopes, text);
            if (builder.Length == 0)
            {
                return;
            }

            var chars = ArrayPool<char>.Shared.Rent(builder.Length);
            var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(builder.Length));
            try
            {
                builder.CopyTo(0, chars, builder.Length);
                var count = Encoding.UTF8.GetBytes(chars, 0, builder.Length, bytes, 0);
                provider._writer.Append(bytes.AsSpan(0, count), logLevel >= provider._options.CurrentValue.LogToStandardErrorThreshold);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(chars);
                ArrayPool<byte>.Shared.Return(bytes);
                if (builder.Capacity > 64 * 1024)
                {
                    t_text = null; // an unusually large line (a long exception): don't keep its buffer per thread
                }
            }
        }
    }
}
