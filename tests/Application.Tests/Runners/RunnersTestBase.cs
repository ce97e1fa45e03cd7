using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Runners.ProvisionJitRunner;
using RunnerTokens.Application.Teams.ChangeLabelPolicy;
using RunnerTokens.Application.Tests.Teams;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Infrastructure.GitHub;
using RunnerTokens.Infrastructure.GitHub.Options;
using RunnerTokens.Infrastructure.Runners;

namespace RunnerTokens.Application.Tests.Runners;

/// <summary>Teams as in <see cref="TeamsTestBase"/>, the real per-team lock, and a fake GitHub.</summary>
public abstract class RunnersTestBase : TeamsTestBase
{
    protected FakeGitHubRunners GitHub { get; private set; } = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        GitHub = new FakeGitHubRunners();
        services.AddSingleton<IGitHubRunners>(GitHub);
        services.AddScoped<ITeamProvisioningLock, DatabaseTeamProvisioningLock>();
        services.AddScoped<ILiveRunnerCounter, RunnerTokens.Infrastructure.Teams.DatabaseLiveRunnerCounter>();
        services.AddSingleton<IGitHubWebUrls>(new GitHubWebUrls(Options.Create(new GitHubOptions())));
        services.AddSingleton<IGitHubRateLimits>(new NoRateLimits());
    }

    protected async Task SetPolicyAsync(LabelPolicySettings settings)
    {
        var previous = CurrentPrincipal.Principal;
        await ActAsAsync(Caller.Admin);
        (await SendAsync(new ChangeLabelPolicyCommand(TeamA, settings))).IsSuccess.ShouldBeTrue();
        CurrentPrincipal.Principal = previous;
    }

    /// <summary>Provisions a JIT runner of team A (labelled <c>team-a-x</c>) as the current caller and returns its id.</summary>
    protected async Task<Guid> ProvisionAsync(string name)
    {
        var result = await SendAsync(new ProvisionJitRunnerCommand(TeamA, name, null, ["team-a-x"], null, null));
        result.IsSuccess.ShouldBeTrue(result.Error?.Code);
        return result.Value.Runner.Id;
    }

    /// <summary>Changes a stored runner directly (what GitHub or sync would do).</summary>
    protected Task MarkAsync(Guid id, Action<Runner> change) =>
        WithDbAsync(async db =>
        {
            var runner = await db.Runners.SingleAsync(r => r.Id == id);
            change(runner);
            await db.SaveChangesAsync();
        });

    protected Task<List<Runner>> RunnersAsync() =>
        WithDbAsync(db => db.Runners.AsNoTracking().OrderBy(r => r.CreatedAt).ToListAsync());

    protected Task<List<SecurityEvent>> SecurityEventsAsync() =>
        WithDbAsync(db => db.SecurityEvents.AsNoTracking().ToListAsync());

    private sealed class NoRateLimits : IGitHubRateLimits
    {
        public Application.Common.GitHub.GitHubRateLimitSnapshot? GetSnapshot(string organization) => null;

        public IReadOnlyList<Application.Common.GitHub.GitHubRateLimitSnapshot> GetSnapshots() => [];

        public bool ShouldYield(string organization, out TimeSpan retryAfter)
        {
            retryAfter = TimeSpan.Zero;
            return false;
        }
    }
}
