using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Client.Tests;

/// <summary>
/// The real API (the functional tests' factory: fresh database, GitHub simulator, the test issuers) listening on a
/// loopback port, so the client goes over real HTTP as a platform team's would. The caller <see cref="AdminSubject"/>
/// of the Primary issuer is a bootstrap admin.
/// </summary>
public sealed class LoopbackHost : IAsyncDisposable
{
    public const string AdminSubject = "client-admin";

    private readonly RunnerTokensApiFactory _factory;

    private LoopbackHost(RunnerTokensApiFactory factory, Uri baseAddress)
    {
        _factory = factory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static TestIssuerServer Issuers => TestIssuerServer.Shared;

    public static LoopbackHost Start(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Authorization:BootstrapAdmins:0"] = $"sub:{Issuers.Primary.IssuerId}|{AdminSubject}",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new RunnerTokensApiFactory(new ApiFactoryOptions { Settings = all });
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new LoopbackHost(factory, new Uri(address));
    }

    /// <summary>The admin's token (a fresh one per call).</summary>
    public static string AdminToken() => Issuers.Primary.UserToken(AdminSubject, email: "client-admin@example.com");

    /// <summary>A client as a consumer registers it: <c>AddRunnerTokensClient</c> with a token provider.</summary>
    public RunnerTokensClient Client(Func<string> token, Action<RunnerTokensClientOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddRunnerTokensClient(o =>
        {
            o.BaseAddress = BaseAddress;
            o.AccessTokenProvider = _ => ValueTask.FromResult<string?>(token());
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider().GetRequiredService<RunnerTokensClient>();
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
