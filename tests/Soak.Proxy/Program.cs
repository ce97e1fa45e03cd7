using System.Net;
using RunnerTokens.Soak.Proxy;
using Yarp.ReverseProxy.Forwarder;

// Usage: dotnet RunnerTokens.Soak.Proxy.dll --urls http://127.0.0.1:PORT --backends http://127.0.0.1:A,http://127.0.0.1:B
// Round robin over the backends. A backend that refuses the connection (a killed replica) is skipped for a second
// and the request goes to the next one: it never reached a replica, so resending it is safe. A request a replica
// accepted and then lost (killed mid-request) answers 502 with `X-Soak-Proxy: upstream-lost` and no retry, so the
// driver can tell it from the service's own 502 problems.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var urls = (builder.Configuration["urls"] ?? "http://127.0.0.1:5400").Split(';', StringSplitOptions.RemoveEmptyEntries);
if (urls.Any(url => !IPAddress.TryParse(new Uri(url).Host, out var address) || !IPAddress.IsLoopback(address)))
{
    Console.Error.WriteLine("The soak proxy listens on loopback addresses only.");
    return 2;
}

var backends = (builder.Configuration["backends"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
if (backends.Length == 0)
{
    Console.Error.WriteLine("--backends http://127.0.0.1:A,http://127.0.0.1:B is required.");
    return 2;
}

builder.WebHost.UseUrls(urls);
builder.Services.AddHttpForwarder();
var app = builder.Build();
var pool = new BackendPool(backends);
using var client = new HttpMessageInvoker(new SocketsHttpHandler
{
    UseProxy = false,
    AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
    ConnectTimeout = TimeSpan.FromSeconds(2),
    ActivityHeadersPropagator = null,
});
var forwarding = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(100) };

app.Map("/{**path}", async (HttpContext context, IHttpForwarder forwarder) =>
{
    context.Request.EnableBuffering();
    for (var attempt = 0; attempt < backends.Length * 2; attempt++)
    {
        var backend = pool.Next();
        context.Request.Body.Position = 0;
        var error = await forwarder.SendAsync(context, backend, client, forwarding, HttpTransformer.Default);
        if (error == ForwarderError.None)
        {
            return;
        }

        var failure = context.Features.Get<IForwarderErrorFeature>()?.Exception;
        if (!context.Response.HasStarted && error == ForwarderError.Request && BackendPool.NeverConnected(failure))
        {
            pool.MarkDown(backend);
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status200OK;
            continue;
        }

        if (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            context.Response.Headers["X-Soak-Proxy"] = "upstream-lost";
        }

        return;
    }

    context.Response.StatusCode = StatusCodes.Status502BadGateway;
    context.Response.Headers["X-Soak-Proxy"] = "no-upstream";
});
await app.RunAsync();
return 0;
