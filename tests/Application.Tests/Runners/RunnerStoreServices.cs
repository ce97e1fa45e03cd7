using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Infrastructure.GitHub;
using RunnerTokens.Infrastructure.GitHub.Options;
using RunnerTokens.Infrastructure.Runners;
using RunnerTokens.Infrastructure.Teams;

namespace RunnerTokens.Application.Tests.Runners;

/// <summary>
/// What runner use cases need beyond the handler test database: the real per-team lock and live-runner count
/// (so quota and concurrency are the database's, not a fake's) and an in-memory GitHub the test inspects.
/// </summary>
internal static class RunnerStoreServices
{
    /// <summary>Registers the runner ports and returns the fake GitHub, fresh for each test.</summary>
    public static FakeGitHubRunners AddRunnerStore(this IServiceCollection services)
    {
        var gitHub = new FakeGitHubRunners();
        services.AddSingleton<IGitHubRunners>(gitHub);
        services.AddScoped<ITeamProvisioningLock, DatabaseTeamProvisioningLock>();
        services.AddScoped<ILiveRunnerCounter, DatabaseLiveRunnerCounter>();
        services.AddSingleton<IGitHubWebUrls>(new GitHubWebUrls(Options.Create(new GitHubOptions())));
        services.AddSingleton<IGitHubRateLimits>(new NoRateLimits());
        return gitHub;
    }

    private sealed class NoRateLimits : IGitHubRateLimits
    {
        public GitHubRateLimitSnapshot? GetSnapshot(string organization) => null;

        public IReadOnlyList<GitHubRateLimitSnapshot> GetSnapshots() => [];

        public bool ShouldYield(string organization, out TimeSpan retryAfter)
        {
            retryAfter = TimeSpan.Zero;
            return false;
        }
    }
}
