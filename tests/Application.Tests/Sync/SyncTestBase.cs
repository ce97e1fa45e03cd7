using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Sync.Common;
using RunnerTokens.Application.Sync.SyncOrganization;
using RunnerTokens.Application.Tests.Infrastructure;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;
using RunnerTokens.GitHub.Simulator;
using RunnerTokens.Infrastructure.GitHub;
using RunnerTokens.Infrastructure.Runners;
using RunnerTokens.TestSupport;

namespace RunnerTokens.Application.Tests.Sync;

/// <summary>
/// Sync handler tests against SQLite and the real GitHub client in Simulator mode (JSON, paging, auth, rate-limit
/// headers all run). Simulated JIT runners never come online by themselves here: tests say when.
/// </summary>
public abstract class SyncTestBase : SqliteHandlerTestBase
{
    protected const string Org = "octo-org";
    protected static readonly string[] TeamLabels = ["team-a", "gpu"];

    protected Team Team { get; private set; } = null!;

    protected GitHubSimulator Simulator => Services.GetRequiredService<GitHubSimulator>();

    protected SyncOptions SyncSettings { get; } = new();

    protected FakeDistributedLease Leases { get; private set; } = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GitHub:Mode"] = "Simulator",
            ["GitHub:AppId"] = "12345",
            ["GitHub:Organizations:0:Name"] = Org,
            ["GitHub:Organizations:0:InstallationId"] = "1",
            ["GitHub:Resilience:RetryBaseDelay"] = "00:00:00.001",
            ["GitHub:Simulator:RunnerOnlineDelay"] = "3650.00:00:00",
        }).Build();
        var environment = new HostingEnvironment { EnvironmentName = "Development", ApplicationName = "RunnerTokens.Tests", ContentRootPath = AppContext.BaseDirectory };
        services.AddGitHub(configuration, environment);
        services.AddGitHubSimulator();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(SyncSettings));
        Leases = new FakeDistributedLease();
        services.AddSingleton<IDistributedLease>(Leases);
        services.AddScoped<IUntrackedRunners, UntrackedRunners>();
        services.AddScoped<ISender, HandlerSender>(); // SyncNowCommand sends SyncOrganizationCommand per organization
    }

    [SetUp]
    public async Task SeedDefaultTeamAsync()
    {
        Team = await SeedTeamAsync("team-a", Org);
    }

    /// <summary>A team (and its label policy) of <paramref name="organization"/>, spelled as given.</summary>
    protected async Task<Team> SeedTeamAsync(string name, string organization)
    {
        var team = Domain.Teams.Team.Create(name, null, organization, Clock.GetUtcNow()).Value;
        await WithDbAsync(async db =>
        {
            db.Teams.Add(team);
            db.LabelPolicies.Add(LabelPolicy.First(team.Id, new LabelPolicySettings(["team-a"], ["gpu"], [1], 1, null, false, true), "admin", Clock.GetUtcNow()).Value);
            await db.SaveChangesAsync();
        });
        return team;
    }

    /// <summary>A JIT runner created through the simulator (offline until the test says otherwise) and stored pending.</summary>
    protected async Task<Runner> SeedJitRunnerAsync(string name, bool ephemeral = true, IEnumerable<string>? labels = null, Team? team = null)
    {
        var finalLabels = (labels ?? TeamLabels).ToList();
        var atGitHub = Simulator.AddRunner(Org, name, finalLabels, online: false, ephemeral: ephemeral);
        var runner = Reserve(name, RunnerKind.Jit, finalLabels, ephemeral, team ?? Team);
        runner.CompleteJit(atGitHub.Id, new string('a', 64), Clock.GetUtcNow()).IsSuccess.ShouldBeTrue();
        await SaveAsync(runner);
        return runner;
    }

    /// <summary>A registration-token runner: stored pending, not registered at GitHub yet.</summary>
    protected async Task<Runner> SeedTokenRunnerAsync(string name, TimeSpan tokenLife)
    {
        var runner = Reserve(name, RunnerKind.RegistrationToken, TeamLabels, ephemeral: false, Team);
        runner.CompleteRegistrationToken(new string('b', 64), Clock.GetUtcNow() + tokenLife, Clock.GetUtcNow()).IsSuccess.ShouldBeTrue();
        await SaveAsync(runner);
        return runner;
    }

    protected async Task<SyncRunDto> SyncAsync()
    {
        var result = await SendAsync(new SyncOrganizationCommand(Org));
        result.IsSuccess.ShouldBeTrue();
        return result.Value;
    }

    protected long GitHubId(Runner runner) => runner.GitHubRunnerId ?? throw new InvalidOperationException("no GitHub id");

    private Runner Reserve(string name, RunnerKind kind, IReadOnlyList<string> labels, bool ephemeral, Team team) => Runner.Reserve(
        team.Id, team.Organization, name, kind, labels.Skip(1), labels, runnerGroupId: 1, policyVersion: 1, ephemeral,
        new AuditActor(PrincipalKind.Machine, "machine-1", "CI"), Clock.GetUtcNow());

    private Task SaveAsync(Runner runner) => WithDbAsync(async db =>
    {
        db.Runners.Add(runner);
        await db.SaveChangesAsync();
    });

}
