using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Runners.DeleteTeamRunners;
using RunnerTokens.Application.Tests.Teams;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Tests.Runners;

public sealed class DeleteTeamRunnersTests : TeamsTestBase
{
    private FakeGitHubRunners GitHub { get; set; } = null!;

    protected override void ConfigureServices(IServiceCollection services) => GitHub = services.AddRunnerStore();

    [Test]
    public async Task Bulk_deletion_reports_each_outcome_and_a_dry_run_changes_nothing()
    {
        await SetPolicyAsync(Settings(patterns: ["team-a-.*"]));
        await ActAsAsync(Caller.Member);
        var idle = await ProvisionAsync("ci-idle");
        var busy = await ProvisionAsync("ci-busy");
        await MarkAsync(busy, r => r.StartJob(Clock.GetUtcNow()));

        (await SendAsync(new DeleteTeamRunnersCommand(TeamA, null, DryRun: false))).Error!.Code.ShouldBe("auth.maintainer_required");

        await ActAsAsync(Caller.Maintainer);
        var dry = (await SendAsync(new DeleteTeamRunnersCommand(TeamA, null, DryRun: true))).Value;
        dry.Outcomes.Select(o => o.Outcome).ShouldBe(["would_delete", "skipped_busy"], ignoreOrder: true);
        GitHub.Deletions.ShouldBeEmpty();

        var real = (await SendAsync(new DeleteTeamRunnersCommand(TeamA, [RunnerStatus.Pending, RunnerStatus.Busy], DryRun: false))).Value;
        real.Deleted.ShouldBe(1);
        real.Outcomes.Single(o => o.Id == idle).Outcome.ShouldBe("deleted");
        real.Outcomes.Single(o => o.Id == busy).Outcome.ShouldBe("skipped_busy");
    }
}
