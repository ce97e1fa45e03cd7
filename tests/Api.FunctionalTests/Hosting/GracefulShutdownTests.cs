using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.GitHub.Simulator;
using RunnerTokens.Infrastructure.GitHub;

namespace RunnerTokens.Api.FunctionalTests.Hosting;

/// <summary>
/// The real host on Kestrel stopped while it works: readiness turns unhealthy first, a provisioning in flight
/// finishes (row and runner at GitHub both exist), and the background workers give their leases back.
/// </summary>
public sealed class GracefulShutdownTests
{
    [Test]
    public async Task A_provisioning_in_flight_when_the_host_stops_finishes_and_readiness_turns_unhealthy_first()
    {
        var gate = new JitGate();
        await using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["urls"] = "http://127.0.0.1:0",
                ["Shutdown:DrainDelay"] = "00:00:05",
                ["HostOptions:ShutdownTimeout"] = "00:00:20",
                ["Sync:Enabled"] = "false",
            },
            ConfigureServices = services => services.Configure<HttpClientFactoryOptions>(GitHubRegistration.ApiClientName,
                o => o.HttpMessageHandlerBuilderActions.Add(b => b.AdditionalHandlers.Add(gate.CreateHandler()))),
        });
        factory.UseKestrel();
        factory.StartServer();
        var address = new Uri(factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        var team = await factory.SeedTeamAsync("shutdown-team", policy: RunnerPolling.Policy);
        var member = await factory.SeedUserAsync("shutdown-member");
        await factory.AddMemberAsync(team, member);
        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", member.Token());
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var provisioning = client.PostAsJsonAsync("/api/v1/runners/jit", new { team = team.Name, name = "in-flight-1" });
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        var host = factory.Services.GetRequiredService<IHost>();
        var stopping = host.StopAsync();

        // Still serving during the drain delay, but no longer ready.
        using (var probe = new HttpClient { BaseAddress = address })
        {
            (await probe.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await probe.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // Past the drain delay the server refuses new connections, and still waits for the request in flight.
        (await RefusesConnectionsAsync(address)).ShouldBeTrue("the server stops accepting after the drain delay");
        stopping.IsCompleted.ShouldBeFalse("the host waits for the request in flight");
        gate.Release();
        var response = await provisioning;
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var gitHubRunnerId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("githubRunnerId").GetInt64();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        var row = await factory.WithDbAsync(db => db.Runners.AsNoTracking().SingleAsync(r => r.Name == "in-flight-1"));
        row.GitHubRunnerId.ShouldBe(gitHubRunnerId);
        factory.Services.GetRequiredService<GitHubSimulator>().FindRunner("acme", gitHubRunnerId).ShouldNotBeNull();
    }

    [Test]
    public async Task Stopping_the_host_releases_the_leases_its_workers_hold()
    {
        await using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["Sync:Interval"] = "00:00:01",
                ["Audit:Sealing:Interval"] = "00:00:01",
            },
        });
        _ = factory.Server;
        await factory.SeedTeamAsync("lease-team", policy: RunnerPolling.Policy); // an organization to sync
        string[] names = ["sync:acme", "audit-sealer", "webhook-processor"];

        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        IReadOnlyDictionary<string, DateTimeOffset> leases;
        do
        {
            await Task.Delay(200);
            leases = await LeasesAsync(factory);
        }
        while (!names.All(n => leases.TryGetValue(n, out var expires) && expires > DateTimeOffset.UtcNow) && DateTimeOffset.UtcNow < deadline);
        foreach (var name in names)
        {
            leases.ShouldContainKey(name);
            leases[name].ShouldBeGreaterThan(DateTimeOffset.UtcNow, $"{name} is held while the host runs");
        }

        await factory.Services.GetRequiredService<IHost>().StopAsync();

        var released = await LeasesAsync(factory);
        foreach (var name in names)
        {
            released[name].ShouldBeLessThanOrEqualTo(DateTimeOffset.UtcNow, $"{name} is released on stop, not left to expire");
        }
    }

    /// <summary>Polls with new connections until one is refused (true) or 20 s pass (false).</summary>
    private static async Task<bool> RefusesConnectionsAsync(Uri address)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            using var fresh = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { BaseAddress = address };
            try
            {
                await fresh.GetAsync("/health/live");
            }
            catch (HttpRequestException)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    /// <summary>
    /// Lease name to expiry, read straight from the SQLite file (the lease rows are not part of the public model, and
    /// a stopped host's services are gone); EF stores DateTimeOffset there with its binary converter (SqliteAppDbContext).
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, DateTimeOffset>> LeasesAsync(RunnerTokensApiFactory factory)
    {
        var converter = new DateTimeOffsetToBinaryConverter();
        await using var connection = new SqliteConnection(factory.EffectiveSettings["ConnectionStrings:RunnerTokens"]);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Name", "ExpiresAt" FROM "Leases" """;
        var leases = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            leases[reader.GetString(0)] = (DateTimeOffset)converter.ConvertFromProvider(reader.GetInt64(1))!;
        }

        return leases;
    }

    /// <summary>Holds generate-jitconfig calls (inside the GitHub client, before the simulator) until released.</summary>
    private sealed class JitGate
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public void Release() => _released.TrySetResult();

        public DelegatingHandler CreateHandler() => new Handler(this);

        private sealed class Handler(JitGate gate) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.RequestUri!.AbsolutePath.EndsWith("/generate-jitconfig", StringComparison.Ordinal))
                {
                    gate._entered.TrySetResult();
                    await gate._released.Task.WaitAsync(cancellationToken);
                }

                return await base.SendAsync(request, cancellationToken);
            }
        }
    }
}
