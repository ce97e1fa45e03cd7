using System.Buffers;
using System.Collections.Concurrent;

namespace RunnerTokens.Api.Observability.Logging;

/// <summary>
/// Writes log lines to standard output and standard error from one background thread, in batches. A caller copies
/// its line into a pooled array and enqueues it without a lock; the writer drains the queue every couple of
/// milliseconds while lines keep coming and sleeps when they stop, so under load a line costs neither a thread
/// hand-off nor a system call (issue 10: the framework's console logger locks its queue and pulses its writer for
/// every line, and 16 request threads on 2 cores queued on that lock). Nothing is dropped: when the writer falls
/// <see cref="MaxPendingBytes"/> behind, callers wait for it, as the console logger's bounded queue makes them do.
/// </summary>
public sealed class LogLineWriter : IDisposable
{
    public const int MaxPendingBytes = 4 * 1024 * 1024;

    /// <summary>How long the writer lets lines gather after a batch before looking again (it sleeps when none came).</summary>
    private static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(2);

    private readonly ConcurrentQueue<Line> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly SemaphoreSlim _room = new(0);
    private readonly Stream _output;
    private readonly Stream _error;
    private readonly Thread _thread;
    private long _pendingBytes;
    private int _asleep;
    private int _waitingForRoom;
    private volatile bool _completed;

    public LogLineWriter(Stream output, Stream error)
    {
        _output = output;
        _error = error;
        _thread = new Thread(WriteLoop) { IsBackground = true, Name = "Log line writer" };
        _thread.Start();
    }

    /// <summary>Queues one whole line (UTF-8, its newline included) for standard output or standard error.</summary>
    public void Append(ReadOnlySpan<byte> line, bool toError)
    {
        if (_completed)
        {
            // The host is stopping and the writer is gone or going: straight through, still whole.
            lock (_queue)
            {
                Write(toError ? _error : _output, line);
            }

            return;
        }

        while (Interlocked.Read(ref _pendingBytes) >= MaxPendingBytes && !_completed)
        {
            Interlocked.Increment(ref _waitingForRoom);
            _room.Wait(TimeSpan.FromMilliseconds(50));
            Interlocked.Decrement(ref _waitingForRoom);
        }

        var bytes = ArrayPool<byte>.Shared.Rent(line.Length);
        line.CopyTo(bytes);
        Interlocked.Add(ref _pendingBytes, line.Length);
        _queue.Enqueue(new Line(bytes, line.Length, toError));
        if (_completed)
        {
            DrainAfterWriter(); // disposed while this line was on its way in
        }
        else if (Volatile.Read(ref _asleep) == 1 && Interlocked.CompareExchange(ref _asleep, 0, 1) == 1)
        {
            _wake.Release();
        }
    }

    /// <summary>Writes what is queued, then stops the writer: the host's last lines are not lost on shutdown.</summary>
    public void Dispose()
    {
        _completed = true;
        _wake.Release();
        _thread.Join(TimeSpan.FromSeconds(5));
        DrainAfterWriter();
    }

    private void DrainAfterWriter()
    {
        lock (_queue)
        {
            Drain(new ArrayBufferWriter<byte>(), new ArrayBufferWriter<byte>());
        }
    }

    private void WriteLoop()
    {
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        var error = new ArrayBufferWriter<byte>(4 * 1024);
        while (true)
        {
            var drained = Drain(output, error);
            if (drained == 0)
            {
                if (_completed)
                {
                    return;
                }

                // Going to sleep: announce it, then look once more so a line enqueued meanwhile is not left waiting.
                Interlocked.Exchange(ref _asleep, 1); // a full fence: the look below cannot move before it
                if (_queue.IsEmpty && !_completed)
                {
                    _wake.Wait();
                }
                else if (Interlocked.CompareExchange(ref _asleep, 0, 1) == 0)
                {
                    _wake.Wait(); // a caller woke us already: take its signal so the count stays right
                }

                continue;
            }

            if (!_completed)
            {
                Thread.Sleep(BatchInterval);
            }
        }
    }

    private int Drain(ArrayBufferWriter<byte> output, ArrayBufferWriter<byte> error)
    {
        var count = 0;
        long bytes = 0;
        while (_queue.TryDequeue(out var line))
        {
            var target = line.ToError ? error : output;
            line.Bytes.AsSpan(0, line.Length).CopyTo(target.GetSpan(line.Length));
            target.Advance(line.Length);
            ArrayPool<byte>.Shared.Return(line.Bytes);
            bytes += line.Length;
            count++;
            if (output.WrittenCount >= 256 * 1024)
            {
                break;
            }
        }

        Write(_output, output.WrittenSpan);
        Write(_error, error.WrittenSpan);
        output.ResetWrittenCount();
        error.ResetWrittenCount();
        if (count > 0 && Interlocked.Add(ref _pendingBytes, -bytes) < MaxPendingBytes && Volatile.Read(ref _waitingForRoom) > 0)
        {
            _room.Release(Volatile.Read(ref _waitingForRoom));
        }

        return count;
    }

    private static void Write(Stream stream, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        try
        {
            stream.Write(bytes);
            stream.Flush();
        }
        catch (IOException)
        {
            // Standard output closed (a pipe whose reader went away): there is nowhere left to log to.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private readonly record struct Line(byte[] Bytes, int Length, bool ToError);
}
