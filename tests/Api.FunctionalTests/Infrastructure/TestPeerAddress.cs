using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace RunnerTokens.Api.FunctionalTests.Infrastructure;

/// <summary>
/// The in-memory test server has no TCP peer: this sets the connection's remote address from the
/// <see cref="Header"/> request header before the app's own pipeline runs, as a proxy or client would appear.
/// </summary>
public sealed class TestPeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer-Address";

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

            return following(context);
        });
        next(app);
    };
}
