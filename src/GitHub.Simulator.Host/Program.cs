using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using RunnerTokens.GitHub.Simulator;
using RunnerTokens.GitHub.Simulator.Host;
using RunnerTokens.Infrastructure.GitHub.Options;

// Usage: dotnet RunnerTokens.GitHub.Simulator.Host.dll --urls http://127.0.0.1:5390
// Settings (command line or environment, e.g. GitHub__Simulator__RateLimit=100000000):
//   GitHub:ApiBaseUrl         the URL the service calls (default: the first --urls address)
//   GitHub:AppId, GitHub:Organizations:N:Name/InstallationId, GitHub:Simulator:*   as in the service (docs/github.md)
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var urls = (builder.Configuration["urls"] ?? "http://127.0.0.1:5390").Split(';', StringSplitOptions.RemoveEmptyEntries);
foreach (var url in urls)
{
    var uri = new Uri(url);
    if (!IPAddress.TryParse(uri.Host, out var address) || !IPAddress.IsLoopback(address))
    {
        Console.Error.WriteLine($"The simulator host listens on loopback addresses only (127.0.0.1 or ::1), not '{url}'.");
        return 2;
    }
}

builder.WebHost.UseUrls(urls);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(e => e.Protocols = HttpProtocols.Http1));
builder.Services.AddOptions<GitHubOptions>()
    .Bind(builder.Configuration.GetSection(GitHubOptions.SectionName))
    .PostConfigure(o =>
    {
        o.Mode = GitHubMode.Simulator;
        if (string.Equals(o.ApiBaseUrl, GitHubOptions.DefaultApiBaseUrl, StringComparison.Ordinal))
        {
            o.ApiBaseUrl = urls[0].TrimEnd('/');
        }
    });
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<GitHubSimulator>();
builder.Services.AddSingleton<TestIssuer>();

var app = builder.Build();
app.MapSimulatorControl();
app.MapTestIssuer();
app.MapFallback(SimulatorForwarding.ForwardAsync);
await app.RunAsync();
return 0;
