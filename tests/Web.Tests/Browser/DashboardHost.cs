using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RunnerTokens.Web.Tests.Browser;

/// <summary>
/// The real host (API + dashboard) on a free loopback port with Kestrel, in Development (Development sign-in, demo
/// seed), on a fresh SQLite database and the GitHub simulator.
/// </summary>
public sealed class DashboardHost : WebApplicationFactory<Program>
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "runnertokens-web-tests", Guid.NewGuid().ToString("N"));
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public DashboardHost(IReadOnlyDictionary<string, string?>? settings = null)
    {
        Directory.CreateDirectory(_dataFolder);
        _settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    public string Address { get; private set; } = string.Empty;

    /// <summary>This host's database, for a second host (another replica) on the same one.</summary>
    public string ConnectionString => $"Data Source={Path.Combine(_dataFolder, "runnertokens.db")}";

    public void Start()
    {
        StartServer();
        Address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("RateLimiting:Enabled", "false");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("GitHub:Mode", "Simulator");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:RunnerTokens", ConnectionString);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            if (Environment.GetEnvironmentVariable("RUNNERTOKENS_TEST_LOGS") != "1")
            {
                logging.ClearProviders();
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the OS cleans the temp folder eventually.
        }
    }
}
