using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Application.Runners.DeleteRunner;
using RunnerTokens.Application.Runners.GetRunner;
using RunnerTokens.Application.Runners.ListRunners;
using RunnerTokens.Application.Tests.Teams;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Tests.Runners;

public sealed class DeleteRunnerTests : TeamsTestBase
{
    private FakeGitHubRunners GitHub { get; set; } = null!;

    protected override void ConfigureServices(IServiceCollection services) => GitHub = services.AddRunnerStore();

    [Test]
    public async Task The_team_deletes_a_runner_at_github_and_it_stays_readable_as_history()
    {
        await SetPolicyAsync(Settings(patterns: ["team-a-.*"]));
        await ActAsAsync(Caller.Member);
        var id = await ProvisionAsync("ci-1");

        (await SendAsync(new DeleteRunnerCommand(id, Force: false))).IsSuccess.ShouldBeTrue();

        GitHub.Deletions.ShouldHaveSingleItem();
        var details = (await SendAsync(new GetRunnerQuery(id))).Value;
        details.Status.ShouldBe(RunnerStatus.Deleted);
        details.DeletedBy.ShouldBe("member");
        (await SendAsync(new ListRunnersQuery())).Value.Items.ShouldBeEmpty();
        (await SendAsync(new ListRunnersQuery(Status: RunnerStatus.Deleted))).Value.Items.ShouldHaveSingleItem();
        (await AuditEventsAsync("runner.deleted")).ShouldHaveSingleItem().Outcome.ShouldBe(AuditOutcome.Succeeded);
    }

    [Test]
    public async Task A_busy_runner_needs_an_admins_force()
    {
        await SetPolicyAsync(Settings(patterns: ["team-a-.*"]));
        await ActAsAsync(Caller.Member);
        var id = await ProvisionAsync("ci-1");
        await MarkAsync(id, r => r.StartJob(Clock.GetUtcNow()));

        (await SendAsync(new DeleteRunnerCommand(id, Force: false))).Error!.Code.ShouldBe("runner.busy");
        (await SendAsync(new DeleteRunnerCommand(id, Force: true))).Error!.Code.ShouldBe("auth.admin_required");
        await ActAsAsync(Caller.Admin);
        (await SendAsync(new DeleteRunnerCommand(id, Force: false))).Error!.Code.ShouldBe("runner.busy");
        (await SendAsync(new DeleteRunnerCommand(id, Force: true))).IsSuccess.ShouldBeTrue();
        GitHub.Deletions.ShouldHaveSingleItem();
    }

    [Test]
    public async Task Other_teams_and_outsiders_cannot_see_or_delete_the_runner()
    {
        await SetPolicyAsync(Settings(patterns: ["team-a-.*"]));
        await ActAsAsync(Caller.Member);
        var id = await ProvisionAsync("ci-1");

        await ActAsAsync(Caller.OtherTeamMachine);
        (await SendAsync(new GetRunnerQuery(id))).Error!.Code.ShouldBe("runner.not_found");
        (await SendAsync(new DeleteRunnerCommand(id, false))).Error!.Code.ShouldBe("runner.not_found");
        (await SendAsync(new ListRunnersQuery())).Value.Items.ShouldBeEmpty();
        await ActAsAsync(Caller.NonMember);
        (await SendAsync(new GetRunnerQuery(id))).Error!.Code.ShouldBe("runner.not_found");
        GitHub.Deletions.ShouldBeEmpty();
    }

    [Test]
    public async Task A_github_failure_leaves_the_runner_live()
    {
        await SetPolicyAsync(Settings(patterns: ["team-a-.*"]));
        await ActAsAsync(Caller.Member);
        var id = await ProvisionAsync("ci-1");
        GitHub.DeleteFailure = new GitHubFailure(GitHubFailureKind.Unavailable, "down", StatusCode: 503);

        (await SendAsync(new DeleteRunnerCommand(id, false))).Error!.Code.ShouldBe("github.unavailable");

        (await RunnersAsync()).ShouldHaveSingleItem().Status.ShouldBe(RunnerStatus.Pending);
    }

    [Test]
    public async Task A_github_failure_is_audited_as_a_failed_deletion()
    {
        await SetPolicyAsync(Settings(patterns: ["team-a-.*"]));
        await ActAsAsync(Caller.Member);
        var id = await ProvisionAsync("ci-1");
        GitHub.DeleteFailure = new GitHubFailure(GitHubFailureKind.Unavailable, "down", StatusCode: 503);

        await SendAsync(new DeleteRunnerCommand(id, false));

        var failed = (await AuditEventsAsync("runner.deleted")).ShouldHaveSingleItem();
        failed.Outcome.ShouldBe(AuditOutcome.Failed);
        failed.TargetId.ShouldBe(id.ToString());
        failed.DetailsJson.ShouldContain("github.unavailable");
    }
}
