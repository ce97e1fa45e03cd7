using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Infrastructure.Runners;

namespace RunnerTokens.Application.Tests.Sync;

/// <summary>The sync's status changes reach <see cref="RunnerChangeFeed"/> (the dashboard updates live from it).</summary>
public sealed class SyncRunnerChangeTests : SyncTestBase
{
    private readonly RunnerChangeFeed _feed = new(NullLogger<RunnerChangeFeed>.Instance);

    protected override void ConfigureDbContext(DbContextOptionsBuilder options) =>
        options.AddInterceptors(new RunnerChangePublication(_feed));

    [Test]
    public async Task A_runner_the_sync_sees_online_is_published_idle()
    {
        var runner = await SeedJitRunnerAsync("ci-1");
        var published = new List<RunnerChange>();
        using var subscription = _feed.Subscribe(published.AddRange);
        Simulator.SetOnline(Org, GitHubId(runner));
        Clock.Advance(TimeSpan.FromMinutes(1));

        (await SyncAsync()).Changes.ShouldBe(1);

        published.ShouldContain(new RunnerChange(runner.Id, Team.Id, RunnerStatus.Idle));
        published.ShouldAllBe(c => c.RunnerId == runner.Id);
    }
}
