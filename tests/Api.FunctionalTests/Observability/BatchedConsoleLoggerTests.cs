using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using RunnerTokens.Api.Observability;
using RunnerTokens.Api.Observability.Logging;

namespace RunnerTokens.Api.FunctionalTests.Observability;

/// <summary>
/// The production console logger (issue 10): the framework's JSON formatter and standard-error threshold, written in
/// batches by one thread. Every line arrives once, whole and in each writer's order; nothing is lost when the
/// output is slow (callers wait) or when lines come after disposal.
/// </summary>
public sealed class BatchedConsoleLoggerTests
{
    [Test]
    public void Lines_from_many_threads_all_arrive_once_whole_and_in_each_threads_order()
    {
        var output = new RecordingStream();
        var error = new RecordingStream();
        const int Threads = 8, LinesPerThread = 2_000;
        using (var writer = new LogLineWriter(output, error))
        {
            Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
            {
                for (var i = 0; i < LinesPerThread; i++)
                {
                    writer.Append(Encoding.UTF8.GetBytes($"{thread} {i} {new string('x', i % 300)}\n"), toError: i % 10 == 0);
                }
            });
        }

        var lines = output.Lines().Concat(error.Lines()).ToList();
        lines.Count.ShouldBe(Threads * LinesPerThread);
        foreach (var group in lines.Select(l => l.Split(' ')).GroupBy(parts => parts[0]))
        {
            group.Select(parts => int.Parse(parts[1])).Order().ShouldBe(Enumerable.Range(0, LinesPerThread));
        }

        error.Lines().ShouldAllBe(l => int.Parse(l.Split(' ')[1]) % 10 == 0);
        foreach (var stream in new[] { output, error })
        {
            foreach (var thread in stream.Lines().Select(l => l.Split(' ')).GroupBy(parts => parts[0]))
            {
                var order = thread.Select(parts => int.Parse(parts[1])).ToList();
                order.ShouldBe(order.Order().ToList(), "one thread's lines keep their order");
            }

            stream.Lines().ShouldAllBe(l => l.Split(' ')[2].Length == int.Parse(l.Split(' ')[1]) % 300, "no line is cut or mixed with another");
        }
    }

    [Test]
    public async Task When_the_output_falls_behind_callers_wait_and_nothing_is_dropped()
    {
        var output = new RecordingStream { Blocked = true };
        using var writer = new LogLineWriter(output, new RecordingStream());
        var line = Encoding.UTF8.GetBytes(new string('y', 1023) + "\n");
        var lines = LogLineWriter.MaxPendingBytes / line.Length * 2;

        var appending = Task.Run(() =>
        {
            for (var i = 0; i < lines; i++)
            {
                writer.Append(line, toError: false);
            }
        });
        await Task.Delay(500);
        appending.IsCompleted.ShouldBeFalse("the caller waits while more than the pending limit is unwritten");

        output.Release();
        await appending.WaitAsync(TimeSpan.FromSeconds(30));
        writer.Dispose();
        output.Lines().Count.ShouldBe(lines);
    }

    [Test]
    public void A_line_logged_after_disposal_is_still_written()
    {
        var output = new RecordingStream();
        var writer = new LogLineWriter(output, new RecordingStream());
        writer.Append("before\n"u8, toError: false);
        writer.Dispose();

        writer.Append("after\n"u8, toError: false);

        output.Lines().ShouldBe(["before", "after"]);
    }

    [Test]
    public void The_logger_writes_the_json_formatters_lines_with_scopes_and_sends_the_threshold_and_above_to_standard_error()
    {
        var output = new RecordingStream();
        var error = new RecordingStream();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddJsonConsole(o => o.IncludeScopes = true));
        services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Warning);
        using var provider = services.BuildServiceProvider();
        var writer = new LogLineWriter(output, error);
        using (var logging = new BatchedConsoleLoggerProvider(
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<ConsoleLoggerOptions>>(),
            provider.GetServices<ConsoleFormatter>(),
            writer,
            ownsWriter: true))
        {
            logging.SetScopeProvider(new LoggerExternalScopeProvider());
            var logger = logging.CreateLogger("Category.Name");
            using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = "r-1" }))
            {
                logger.LogInformation("Answered {StatusCode}", 200);
                logger.LogWarning("Careful {What}", "this");
            }

            logger.LogTrace("the provider writes every level it is given: filtering is the logger factory's");
        }

        var info = JsonDocument.Parse(output.Lines()[0]).RootElement;
        info.GetProperty("Category").GetString().ShouldBe("Category.Name");
        info.GetProperty("Message").GetString().ShouldBe("Answered 200");
        info.GetProperty("State").GetProperty("StatusCode").GetInt32().ShouldBe(200);
        info.GetProperty("Scopes")[0].GetProperty("RequestId").GetString().ShouldBe("r-1");
        output.Lines().Count.ShouldBe(2);
        var warning = JsonDocument.Parse(error.Lines().ShouldHaveSingleItem()).RootElement;
        warning.GetProperty("LogLevel").GetString().ShouldBe("Warning");
        warning.GetProperty("Message").GetString().ShouldBe("Careful this");
    }

    [Test]
    public void Outside_development_the_batched_logger_replaces_the_frameworks_console_logger()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.AddObservability();
        var providers = builder.Services.Where(d => d.ServiceType == typeof(ILoggerProvider)).Select(d => d.ImplementationType).ToList();

        providers.ShouldContain(typeof(BatchedConsoleLoggerProvider));
        providers.ShouldNotContain(typeof(ConsoleLoggerProvider));
    }

    /// <summary>A stream that records what is written and can hold writers back until released.</summary>
    private sealed class RecordingStream : Stream
    {
        private readonly MemoryStream _written = new();
        private readonly ManualResetEventSlim _open = new(true);

        public bool Blocked
        {
            init
            {
                if (value)
                {
                    _open.Reset();
                }
            }
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void Release() => _open.Set();

        public List<string> Lines()
        {
            lock (_written)
            {
                return Encoding.UTF8.GetString(_written.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _open.Wait();
            lock (_written)
            {
                _written.Write(buffer);
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
