using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace RunnerTokens.Api.FunctionalTests.Infrastructure;

/// <summary>
/// The in-memory test server has no TCP connection: this sets the connection's remote address from the
/// <see cref="Header"/> request header (and its local port from <see cref="LocalPortHeader"/>) before the app's
/// own pipeline runs, as a proxy or client (or a second listening port) would appear.
/// </summary>
public sealed class TestPeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer-Address";
    public const string LocalPortHeader = "X-Test-Local-Port";

    public static void Register(IServiceCollection services) => services.AddSingleton<IStartupFilter, TestPeerAddress>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
                context.Request.Headers.Remove(Header);
            }

            if (context.Request.Headers.TryGetValue(LocalPortHeader, out var port) && int.TryParse(port.ToString(), out var localPort))
            {
                context.Connection.LocalPort = localPort;
                context.Request.Headers.Remove(LocalPortHeader);
            }

            return following(context);
        });
        next(app);
    };
}
