using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Runners.DeleteRunner;
using RunnerTokens.Application.Runners.DeleteTeamRunners;
using RunnerTokens.Application.Runners.GetRunner;
using RunnerTokens.Application.Runners.IssueRegistrationToken;
using RunnerTokens.Application.Runners.ListRunners;
using RunnerTokens.Application.Runners.ProvisionJitRunner;
using RunnerTokens.Application.Tests.Teams;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Tests.Runners;

public sealed class RegistrationTokenAndDeletionTests : RunnersTestBase
{
    private static IssueRegistrationTokenCommand Token(string name = "tok-1", long? group = null) =>
        new(TeamA, name, null, ["team-a-x"], group);

    private async Task<Guid> ProvisionAsync(string name)
    {
        var result = await SendAsync(new ProvisionJitRunnerCommand(TeamA, name, null, ["team-a-x"], null, null));
        result.IsSuccess.ShouldBeTrue(result.Error?.Code);
        return result.Value.Runner.Id;
    }

    private Task MarkAsync(Guid id, Action<Runner> change) =>
        WithDbAsync(async db =>
        {
            var runner = await db.Runners.SingleAsync(r => r.Id == id);
            change(runner);
            await db.SaveChangesAsync();
        });

    [Test]
    public async Task Registration_tokens_are_refused_unless_the_policy_allows_them()
    {
        await SetPolicyAsync(Settings(patterns: ["team-a-.*"]));
        await ActAsAsync(Caller.Member);

        var result = await SendAsync(Token());

        result.Error!.Code.ShouldBe("runner.registration_tokens_not_allowed");
        GitHub.RegistrationTokenRequests.ShouldBeEmpty();
        (await SecurityEventsAsync()).ShouldHaveSingleItem().Type.ShouldBe("runner.policy_violation");
    }

    [Test]
    public async Task An_allowed_token_comes_once_with_a_config_command_and_only_its_fingerprint_is_kept()
    {
        await SetPolicyAsync(Settings(required: ["team-a"], patterns: ["team-a-.*"], registrationTokens: true));
        await ActAsAsync(Caller.Machine);

        var result = await SendAsync(Token());

        result.IsSuccess.ShouldBeTrue(result.Error?.Code);
        var issued = result.Value;
        issued.RegistrationToken.ShouldBe(GitHub.LastRegistrationToken);
        issued.ConfigShLine.ShouldBe(
            $"./config.sh --url https://github.com/acme --token {GitHub.LastRegistrationToken} --name tok-1 --labels team-a,team-a-x --runnergroup Default --ephemeral --unattended");
        var stored = (await RunnersAsync()).ShouldHaveSingleItem();
        stored.Kind.ShouldBe(RunnerKind.RegistrationToken);
        stored.Status.ShouldBe(RunnerStatus.Pending);
        stored.SecretFingerprint.ShouldBe(SecretFingerprint.Of(GitHub.LastRegistrationToken));
        stored.TokenExpiresAt.ShouldBe(issued.ExpiresAt);
    }

    [Test]
    public async Task Persistent_runners_get_no_ephemeral_flag_and_a_named_group_is_looked_up()
    {
        await SetPolicyAsync(new LabelPolicySettings([], ["team-a-.*"], [7], null, null, AllowRegistrationTokens: true, AllowPersistentRunners: true));
        GitHub.Groups.Add(new GitHubRunnerGroup(7, "GPU pool", "all", false, false, false));
        await ActAsAsync(Caller.Member);

        var result = await SendAsync(Token(group: 7));

        result.Value.ConfigShLine.ShouldContain("--runnergroup 'GPU pool'");
        result.Value.ConfigShLine.ShouldNotContain("--ephemeral");
        result.Value.Runner.Ephemeral.ShouldBeFalse();
    }

    [Test]
    public async Task The_team_deletes_a_runner_at_github_and_it_stays_readable_as_history()
    {
        await SetPolicyAsync(Settings(patterns: ["team-a-.*"]));
        await ActAsAsync(Caller.Member);
        var id = await ProvisionAsync("ci-1");

        (await SendAsync(new DeleteRunnerCommand(id, Force: false))).IsSuccess.ShouldBeTrue();

        GitHub.Deletions.ShouldHaveSingleItem();
        var details = (await SendAsync(new GetRunnerQuery(id))).Value;
        details.Runner.Status.ShouldBe(RunnerStatus.Deleted);
        details.Runner.DeletedBy.ShouldBe("member");
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
    public async Task Listing_pages_newest_first_without_gaps_or_repeats()
    {
        await SetPolicyAsync(Settings(patterns: ["team-a-.*"]));
        await ActAsAsync(Caller.Member);
        for (var i = 0; i < 7; i++)
        {
            await ProvisionAsync($"ci-{i}");
            if (i % 2 == 0)
            {
                Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        var seen = new List<RunnerTokens.Application.Runners.Common.RunnerDto>();
        string? cursor = null;
        do
        {
            var page = (await SendAsync(new ListRunnersQuery(Team: TeamA, Cursor: cursor, Limit: 3))).Value;
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        // Runners made within one tick share a timestamp; the id breaks the tie, so only time order is fixed.
        seen.Select(r => r.Name).ShouldBe(Enumerable.Range(0, 7).Select(i => $"ci-{i}"), ignoreOrder: true);
        seen.Select(r => r.CreatedAt).ShouldBeInOrder(SortDirection.Descending);
        seen[^1].Name.ShouldBe("ci-0");
    }

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
