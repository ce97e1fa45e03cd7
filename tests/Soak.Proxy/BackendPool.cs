using System.Net.Sockets;

namespace RunnerTokens.Soak.Proxy;

/// <summary>Round robin over the backends, skipping for a second one that refused a connection.</summary>
internal sealed class BackendPool(string[] backends)
{
    private static readonly TimeSpan DownFor = TimeSpan.FromSeconds(1);
    private readonly long[] _downUntil = new long[backends.Length];
    private int _next = -1;

    public string Next()
    {
        var now = Environment.TickCount64;
        for (var i = 0; i < backends.Length; i++)
        {
            var index = (int)((uint)Interlocked.Increment(ref _next) % (uint)backends.Length);
            if (Volatile.Read(ref _downUntil[index]) <= now)
            {
                return backends[index];
            }
        }

        return backends[(int)((uint)Interlocked.Increment(ref _next) % (uint)backends.Length)];
    }

    public void MarkDown(string backend) =>
        Volatile.Write(ref _downUntil[Array.IndexOf(backends, backend)], Environment.TickCount64 + (long)DownFor.TotalMilliseconds);

    /// <summary>True when the request cannot have reached the backend (connection refused or reset while connecting).</summary>
    public static bool NeverConnected(Exception? failure)
    {
        for (var current = failure; current is not null; current = current.InnerException)
        {
            if (current is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.TimedOut or SocketError.HostUnreachable })
            {
                return true;
            }

            if (current is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } && current.InnerException is SocketException)
            {
                return true;
            }
        }

        return false;
    }
}
