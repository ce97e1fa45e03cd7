using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Api.FunctionalTests.Hosting;

/// <summary>
/// <c>/health/ready</c> answers what a replica needs to serve: the database reachable with every migration applied,
/// and (GitHub mode) the App key loaded; GitHub being down does not make it unready. <c>/health/live</c> checks nothing.
/// </summary>
public sealed class ReadinessTests
{
    [Test]
    public async Task A_migrated_replica_is_ready_and_live()
    {
        await using var factory = new RunnerTokensApiFactory();
        using var client = factory.CreateClient();

        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Pending_migrations_make_a_replica_unready_but_not_dead_until_they_are_applied()
    {
        await using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions
        {
            Settings = new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false", ["Sync:Enabled"] = "false", ["Audit:Sealing:Enabled"] = "false" },
        });
        using var client = factory.CreateClient();

        var unready = await client.GetAsync("/health/ready");
        unready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }

        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_replica_whose_GitHub_is_down_stays_ready_and_answers_a_problem()
    {
        await using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["GitHub:Mode"] = "GitHub",
                ["GitHub:AppId"] = "12345",
                ["GitHub:PrivateKey"] = RSA.Create(2048).ExportRSAPrivateKeyPem(),
                ["GitHub:ApiBaseUrl"] = $"http://127.0.0.1:{ClosedPort()}", // nothing listens: every call fails
                ["GitHub:Organizations:0:Name"] = "acme",
                ["GitHub:Organizations:0:InstallationId"] = "77",
                ["GitHub:Resilience:MaxRetryAttempts"] = "1",
                ["GitHub:Resilience:RetryBaseDelay"] = "00:00:00.050",
                ["Sync:Enabled"] = "false",
            },
        });
        var team = await factory.SeedTeamAsync("down-team", policy: RunnerPolling.Policy);
        var member = await factory.SeedUserAsync("down-member");
        await factory.AddMemberAsync(team, member);

        var provisioning = await factory.ClientFor(member).PostAsJsonAsync("/api/v1/runners/jit", new { team = team.Name, namePrefix = "ci" });

        ((int)provisioning.StatusCode).ShouldBeOneOf(502, 503);
        provisioning.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await factory.CreateClient().GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
