using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Time.Testing;
using RunnerTokens.Application;
using RunnerTokens.GitHub.Simulator;
using RunnerTokens.Infrastructure.Persistence;
using RunnerTokens.Infrastructure.Sync;
using RunnerTokens.TestSupport;

namespace RunnerTokens.Infrastructure.Tests.Sync;

/// <summary>
/// Two application hosts (each its own service provider, lease holder id and connections) on one database and
/// one simulated GitHub: exactly one syncs an organization at a time, and the other takes over when it stops.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class SyncReplicasTests(DatabaseProvider provider)
{
    private const string Org = "octo-org";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(150); // the default: 2 x interval + 30 s

    private TestDatabase _database = null!;
    private FakeTimeProvider _clock = null!;
    private ServiceProvider _hostA = null!;
    private ServiceProvider _hostB = null!;

    [SetUp]
    public async Task SetUp()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        _database = await TestDatabases.CreateAsync(provider);
        _hostA = Host(simulator: null);
        _hostB = Host(_hostA.GetRequiredService<GitHubSimulator>());
    }

    [TearDown]
    public async Task TearDown()
    {
        using var disposed = new CancellationTokenSource();
        var clockMoving = MoveTheFakeClockAsync(disposed.Token);
        try
        {
            if (_hostA is not null)
            {
                await _hostA.DisposeAsync();
            }

            if (_hostB is not null)
            {
                await _hostB.DisposeAsync();
            }
        }
        finally
        {
            await disposed.CancelAsync();
            await clockMoving;
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Test]
    public async Task Only_one_host_syncs_an_organization_and_the_other_takes_over_within_two_lease_periods_when_it_stops()
    {
        var a = _hostA.GetRequiredService<SyncWorker>();
        var b = _hostB.GetRequiredService<SyncWorker>();

        for (var pass = 0; pass < 5; pass++)
        {
            var byA = await a.RunOnceAsync(default);
            var byB = await b.RunOnceAsync(default);
            byA.ShouldHaveSingleItem().Organization.ShouldBe(Org);
            byB.ShouldBeEmpty();
            _clock.Advance(Interval);
        }

        // Host A stops (crashes: it neither renews nor releases its lease). Host B keeps trying every interval.
        var stoppedAt = _clock.GetUtcNow() - Interval;
        while ((await b.RunOnceAsync(default)).Count == 0)
        {
            (_clock.GetUtcNow() - stoppedAt).ShouldBeLessThanOrEqualTo(2 * Lease, "host B never took over");
            _clock.Advance(Interval);
        }

        (_clock.GetUtcNow() - stoppedAt).ShouldBeLessThanOrEqualTo(2 * Lease);

        // From now on B holds the organization: A (coming back) does not sync it while B renews.
        _clock.Advance(Interval);
        (await a.RunOnceAsync(default)).ShouldBeEmpty();
        (await b.RunOnceAsync(default)).ShouldHaveSingleItem();
    }

    [Test]
    public async Task A_host_that_shuts_down_releases_its_leases_so_the_other_takes_over_at_once()
    {
        var a = _hostA.GetRequiredService<SyncWorker>();
        var b = _hostB.GetRequiredService<SyncWorker>();
        (await a.RunOnceAsync(default)).ShouldHaveSingleItem();
        (await b.RunOnceAsync(default)).ShouldBeEmpty();

        await a.ReleaseLeasesAsync(default);

        (await b.RunOnceAsync(default)).ShouldHaveSingleItem();
    }

    [Test]
    public async Task A_run_that_outlasts_its_lease_keeps_renewing_it_so_the_other_host_never_syncs_at_the_same_time()
    {
        // Found by the soak (scripts/soak.sh): a sync run slowed by GitHub outlasted its lease and the other replica
        // synced the organization at the same time.
        var a = _hostA.GetRequiredService<SyncWorker>();
        var b = _hostB.GetRequiredService<SyncWorker>();
        var simulator = _hostA.GetRequiredService<GitHubSimulator>();
        // Real time, with room for the four renewals below on a busy machine.
        simulator.InjectFault(new SimulatedFault(SimulatedFaultKind.Slow) { Method = HttpMethod.Get, PathContains = "/actions/runners", DelayMilliseconds = 20_000 });

        var runA = a.RunOnceAsync(default);
        await WaitUntilAsync(() => simulator.Requests.Any(r => r.Method == "GET" && r.Path.Contains("/actions/runners", StringComparison.Ordinal)));
        var slowSince = _clock.GetUtcNow();
        for (var renewal = 1; renewal <= 4; renewal++)
        {
            // Fake time passes a second at a time (every 50 ms of real time) while GitHub is slow, until host A renews.
            // Host A sets its next renewal's timer only after the previous renewal committed, which this test may see
            // first, so the renewal comes due up to a third of the lease after the test expects it; stepping finds it
            // wherever it falls (before, a whole third at once then one-second nudges every 200 ms needed up to 10 s of
            // real time per late timer, and two late timers outlasted GitHub's slow answer). At most two thirds per
            // renewal: the lease, three thirds long, never runs out meanwhile.
            var expiry = LeaseExpiry($"sync:{Org}");
            var stepped = TimeSpan.Zero;
            var lastStep = DateTime.UtcNow;
            await WaitUntilAsync(() =>
            {
                if (LeaseExpiry($"sync:{Org}") > expiry)
                {
                    return true;
                }

                if (stepped < 2 * Lease / 3 && DateTime.UtcNow - lastStep >= TimeSpan.FromMilliseconds(50))
                {
                    _clock.Advance(TimeSpan.FromSeconds(1));
                    stepped += TimeSpan.FromSeconds(1);
                    lastStep = DateTime.UtcNow;
                }

                return false;
            });
        }

        (_clock.GetUtcNow() - slowSince).ShouldBeGreaterThan(Lease, "the run outlasted its lease while host A renewed it");
        (await b.RunOnceAsync(default)).ShouldBeEmpty("host A still holds the organization: its run goes on");
        (await runA).ShouldHaveSingleItem().Organization.ShouldBe(Org);
    }

    /// <summary>
    /// Polly's pipeline registry waits, when disposed, for executions it still counts as in flight for at most 30 s,
    /// measured on the host's <see cref="TimeProvider"/>: on a fake clock that stands still it never ends (seen as a
    /// hung test run), so the fake clock moves on while the hosts are disposed, as real time would in production.
    /// </summary>
    private async Task MoveTheFakeClockAsync(CancellationToken disposed)
    {
        while (!disposed.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), disposed);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _clock.Advance(TimeSpan.FromSeconds(10));
        }
    }

    private DateTimeOffset LeaseExpiry(string name)
    {
        using var scope = _hostA.CreateScope();
        return scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<global::RunnerTokens.Infrastructure.Coordination.LeaseRecord>().AsNoTracking()
            .Single(l => l.Name == name).ExpiresAt;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "timed out waiting");
            await Task.Delay(20);
        }
    }

    private ServiceProvider Host(GitHubSimulator? simulator)
    {
        var settings = new Dictionary<string, string?>(_database.Settings)
        {
            ["GitHub:Mode"] = "Simulator",
            ["GitHub:AppId"] = "12345",
            ["GitHub:Organizations:0:Name"] = Org,
            ["GitHub:Organizations:0:InstallationId"] = "1",
            ["Sync:Interval"] = "00:01:00",

            // The resilience timeouts run on the fake clock too: long enough that a slow GitHub is waited for.
            ["GitHub:Resilience:AttemptTimeout"] = "01:00:00",
            ["GitHub:Resilience:TotalTimeout"] = "02:00:00",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var environment = new HostingEnvironment { EnvironmentName = "Development", ApplicationName = "RunnerTokens.Tests", ContentRootPath = AppContext.BaseDirectory };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddApplication();
        services.AddInfrastructure(configuration, environment);
        services.AddGitHubSimulator();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<Application.Common.Interfaces.ICurrentPrincipal, NoPrincipal>();
        services.AddScoped<ISender, HandlerSender>(); // the worker sends SyncOrganizationCommand, as in the host
        if (simulator is not null)
        {
            services.AddSingleton(simulator);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private sealed class NoPrincipal : Application.Common.Interfaces.ICurrentPrincipal
    {
        public Application.Common.Security.CallerPrincipal? Principal => null;

        public Domain.Audit.AuditContext Context => Domain.Audit.AuditContext.None;
    }
}
