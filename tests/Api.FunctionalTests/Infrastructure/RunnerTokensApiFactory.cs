using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using RunnerTokens.Api.FunctionalTests.OpenApi;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Api.FunctionalTests.Infrastructure;

/// <summary>
/// The real API (Program) in memory, on its own database: a fresh SQLite file in a temp folder (or, with
/// <see cref="ApiFactoryOptions.PostgreSqlConnectionString"/>, a fresh PostgreSQL database), migrated at
/// start-up like production. Trusts the <see cref="TestIssuerServer"/> issuers Primary, Secondary and
/// GitHubActions (not Untrusted). Environment <c>Testing</c>; GitHub simulator; rate limiting off; logs off
/// unless <c>RUNNERTOKENS_TEST_LOGS=1</c>.
/// </summary>
public sealed class RunnerTokensApiFactory : WebApplicationFactory<Program>
{
    private readonly ApiFactoryOptions _options;
    private readonly string _dataFolder;
    private readonly string? _postgresDatabase;
    private readonly string? _postgresAdminConnectionString;

    public RunnerTokensApiFactory(ApiFactoryOptions? options = null)
    {
        _options = options ?? new ApiFactoryOptions();
        _dataFolder = Path.Combine(Path.GetTempPath(), "runnertokens-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataFolder);
        if (_options.PostgreSqlConnectionString is { } postgres)
        {
            _postgresAdminConnectionString = postgres;
            _postgresDatabase = "rt_test_" + Guid.NewGuid().ToString("N")[..16];
        }
    }

    public TestIssuerServer Issuers => TestIssuerServer.Shared;

    /// <summary>The configuration the API starts with (defaults merged with <see cref="ApiFactoryOptions.Settings"/>).</summary>
    public IReadOnlyDictionary<string, string?> EffectiveSettings => BuildSettings();

    /// <summary>
    /// A client (redirects and cookies as <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/>) whose every
    /// response is checked against the committed OpenAPI document (<see cref="ContractValidatingHandler"/>).
    /// </summary>
    public new HttpClient CreateClient() =>
        CreateDefaultClient(
            ClientOptions.BaseAddress,
            new RedirectHandler(ClientOptions.MaxAutomaticRedirections),
            new CookieContainerHandler(),
            new ContractValidatingHandler(OpenApiContract.Committed));

    /// <summary>
    /// A client without the contract check, for measurements only (allocation budgets count the whole process,
    /// the client's schema validation included).
    /// </summary>
    public HttpClient CreateUncheckedClient(string token)
    {
        var client = base.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client sending <c>Authorization: Bearer {token}</c>.</summary>
    public HttpClient CreateClient(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client with a fresh token of this seeded user (the one way tests call as a user).</summary>
    public HttpClient ClientFor(SeededUser user) => CreateClient(user.Token());

    /// <summary>Runs <paramref name="work"/> against the API's database in a fresh scope (seed or inspect).</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task WithDbAsync(Func<AppDbContext, Task> work) =>
        WithDbAsync(async db =>
        {
            await work(db);
            return true;
        });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_options.Environment);
        foreach (var (key, value) in BuildSettings())
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
        builder.ConfigureTestServices(services => _options.ConfigureServices?.Invoke(services));
    }

    private Dictionary<string, string?> BuildSettings()
    {
        var issuers = Issuers.Trusted;
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["RateLimiting:Enabled"] = "false",
            ["Database:MigrateOnStartup"] = "true",

            // Off in production (it costs allocations per row); on here, so a context used twice at once fails a test.
            // One value for every host in the process: the compiled queries bind to the first EF model they meet.
            ["Database:ThreadSafetyChecks"] = "true",

            // The in-memory GitHub (any organization); tests that need the real client override this.
            ["GitHub:Mode"] = "Simulator",

            // A test rig: the test issuers and WireMock answer on plain HTTP.
            ["AllowInsecureTransport"] = "true",
        };
        for (var i = 0; i < issuers.Count; i++)
        {
            settings[$"Authentication:Issuers:{i}:Name"] = issuers[i].Name;
            settings[$"Authentication:Issuers:{i}:Authority"] = issuers[i].Authority;
            settings[$"Authentication:Issuers:{i}:Audiences:0"] = issuers[i].DefaultAudience;
            settings[$"Authentication:Issuers:{i}:Kind"] = "Oidc";
            settings[$"Authentication:Issuers:{i}:RequireHttpsMetadata"] = "false";
        }

        if (_postgresDatabase is not null)
        {
            settings["Database:Provider"] = "PostgreSql";
            settings["ConnectionStrings:RunnerTokens"] =
                new NpgsqlConnectionStringBuilder(_postgresAdminConnectionString) { Database = _postgresDatabase }.ConnectionString;
        }
        else
        {
            settings["Database:Provider"] = "Sqlite";
            settings["ConnectionStrings:RunnerTokens"] = $"Data Source={Path.Combine(_dataFolder, "runnertokens.db")}";
        }

        foreach (var (key, value) in _options.Settings)
        {
            settings[key] = value;
        }

        return settings;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdminConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is cleaned by the OS eventually.
        }
    }
}
