using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Application.Runners.DeleteTeamRunners;
using RunnerTokens.Application.Runners.ListRunners;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Application.Teams.ListTeams;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Web.Runners;

namespace RunnerTokens.Web.Tests.Components;

/// <summary>The runners page and its grid: filters, keyset paging, live updates over the circuit, bulk deletion with a dry run.</summary>
public sealed class RunnersPageTests : DashboardComponentTest
{
    private static readonly Guid OpsTeamId = Guid.NewGuid();

    [Test]
    public void Filters_restart_the_query_and_the_pages_follow_the_cursor()
    {
        var all = Enumerable.Range(1, 3).Select(i => Runner($"ci-{i}", "web", RunnerStatus.Idle)).ToList();
        AnswerTeams();
        Sender.On<ListRunnersQuery>(q => Result.Success(q.Cursor switch
        {
            null => new Page<RunnerDto>(all.Take(2).ToList(), "page-2"),
            "page-2" => new Page<RunnerDto>(all.Skip(2).ToList(), null),
            _ => throw new InvalidOperationException(q.Cursor),
        }));
        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("team", "web"));
        var page = Context.Render<RunnersPage>(p => p.Add(x => x.PageSize, 2));

        page.WaitForAssertion(() => Names(page).ShouldBe(["ci-1", "ci-2"]));
        var first = Sender.Sent.OfType<ListRunnersQuery>().Last();
        first.Team.ShouldBe("web");
        first.Limit.ShouldBe(2);

        page.Find("[data-testid=next-page]").Click();
        page.WaitForAssertion(() => Names(page).ShouldBe(["ci-3"]));
        page.Find("[data-testid=page-number]").TextContent.ShouldBe("Page 2");
        page.Find("[data-testid=next-page]").HasAttribute("disabled").ShouldBeTrue();

        page.Find("[data-testid=previous-page]").Click();
        page.WaitForAssertion(() => Names(page).ShouldBe(["ci-1", "ci-2"]));

        page.Find("[data-testid=next-page]").Click();
        page.WaitForAssertion(() => Names(page).ShouldBe(["ci-3"]));
        page.Find("[data-testid=filter-name]").Input("ci");
        page.WaitForAssertion(() => Sender.Sent.OfType<ListRunnersQuery>().Last().Name.ShouldBe("ci"), TimeSpan.FromSeconds(3));
        var filtered = Sender.Sent.OfType<ListRunnersQuery>().Last();
        filtered.Cursor.ShouldBeNull();
        filtered.Team.ShouldBe("web");
        page.WaitForAssertion(() => page.Find("[data-testid=page-number]").TextContent.ShouldBe("Page 1"));
    }

    [Test]
    public async Task A_runner_change_notification_updates_the_grid_over_the_circuit()
    {
        var status = RunnerStatus.Pending;
        var runner = Runner("ci-live", "web", status);
        AnswerTeams();
        Sender.On<ListRunnersQuery>(_ => Result.Success(new Page<RunnerDto>([runner with { Status = status }], null)));
        var page = Context.Render<RunnersPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=runner-status]").TextContent.ShouldBe("Pending"));
        var loads = Sender.Sent.OfType<ListRunnersQuery>().Count();

        // Another team's runner (not visible to this member) changes: no reload.
        status = RunnerStatus.Idle;
        Changes.Publish([new RunnerChange(Guid.NewGuid(), OpsTeamId, RunnerStatus.Idle)]);
        Sender.Sent.OfType<ListRunnersQuery>().Count().ShouldBe(loads);
        page.Find("[data-testid=runner-status]").TextContent.ShouldBe("Pending");

        Changes.Publish([new RunnerChange(runner.Id, WebTeamId, RunnerStatus.Idle)]);

        page.WaitForAssertion(() => page.Find("[data-testid=runner-status]").TextContent.ShouldBe("Idle"));
        Sender.Sent.OfType<ListRunnersQuery>().Count().ShouldBe(loads + 1);

        await Context.DisposeComponentsAsync();
        Changes.Publish([new RunnerChange(runner.Id, WebTeamId, RunnerStatus.Busy)]);
        Sender.Sent.OfType<ListRunnersQuery>().Count().ShouldBe(loads + 1);
    }

    [Test]
    public void A_member_has_no_bulk_deletion()
    {
        AnswerTeams();
        Sender.On<ListRunnersQuery>(_ => Result.Success(new Page<RunnerDto>([Runner("ci-1", "web", RunnerStatus.Idle)], null)));

        var page = Context.Render<RunnersPage>();

        page.WaitForAssertion(() => Names(page).ShouldBe(["ci-1"]));
        page.FindAll("[data-testid=bulk-delete-selected]").ShouldBeEmpty();
        page.FindAll("tbody input[type=checkbox]").ShouldBeEmpty();
    }

    [Test]
    public void A_maintainer_selects_runners_sees_the_dry_run_and_confirms()
    {
        ActAsMaintainerOfWebAndMemberOfOps();
        var idle = Runner("web-idle", "web", RunnerStatus.Idle);
        var busy = Runner("web-busy", "web", RunnerStatus.Busy);
        var ops = Runner("ops-idle", "ops", RunnerStatus.Idle);
        AnswerTeams();
        Sender.On<ListRunnersQuery>(_ => Result.Success(new Page<RunnerDto>([idle, busy, ops], null)));
        Sender.On<DeleteTeamRunnersCommand>(c => c.Team switch
        {
            "web" when c.DryRun => Result.Success(new BulkDeletionReport(true, 2, 0, [
                new BulkDeletionOutcome(idle.Id, idle.Name, RunnerStatus.Idle, "would_delete", null),
                new BulkDeletionOutcome(busy.Id, busy.Name, RunnerStatus.Busy, "skipped_busy", RunnerErrors.Busy.Code)])),
            "web" => Result.Success(new BulkDeletionReport(false, 1, 1, [new BulkDeletionOutcome(idle.Id, idle.Name, RunnerStatus.Idle, "deleted", null)])),
            _ => Result<BulkDeletionReport>.Failure(AccessErrors.MaintainerRequired),
        });
        var page = Context.Render<RunnersPage>();
        page.WaitForAssertion(() => Names(page).Count.ShouldBe(3));
        page.Find("[data-testid=bulk-delete-selected]").HasAttribute("disabled").ShouldBeTrue();

        foreach (var box in page.FindAll("tbody input[type=checkbox]"))
        {
            box.Change(true);
        }

        page.WaitForAssertion(() => page.Find("[data-testid=bulk-delete-selected]").TextContent.ShouldContain("(3)"));
        page.Find("[data-testid=bulk-delete-selected]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=bulk-dry-run]").TextContent.ShouldContain("Delete 1 runner?"));
        page.FindAll("[data-testid=bulk-would-delete] li").Select(li => li.TextContent).ShouldBe(["web-idle (web, idle)"]);
        var refused = page.FindAll("[data-testid=bulk-refused] li").Select(li => li.TextContent).ToList();
        refused.Count.ShouldBe(2);
        refused.ShouldContain(r => r.StartsWith("web-busy (web): busy", StringComparison.Ordinal));
        refused.ShouldContain(r => r.StartsWith("ops-idle (ops): not yours", StringComparison.Ordinal) && r.Contains(AccessErrors.MaintainerRequired.Code, StringComparison.Ordinal));
        var dryRuns = Sender.Sent.OfType<DeleteTeamRunnersCommand>().ToList();
        dryRuns.ShouldAllBe(c => c.DryRun);
        dryRuns.Single(c => c.Team == "web").Ids.ShouldBe([idle.Id, busy.Id], ignoreOrder: true);
        dryRuns.Single(c => c.Team == "ops").Ids.ShouldBe([ops.Id]);

        page.Find("[data-testid=bulk-confirm]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=bulk-result]").TextContent.ShouldContain("Deleted 1 runner."));
        var deletion = Sender.Sent.OfType<DeleteTeamRunnersCommand>().Single(c => !c.DryRun);
        deletion.Team.ShouldBe("web");
        deletion.Ids.ShouldBe([idle.Id]);
        page.FindAll("[data-testid=bulk-dry-run]").ShouldBeEmpty();
        page.Find("[data-testid=bulk-delete-selected]").TextContent.ShouldContain("(0)");
    }

    [Test]
    public void Deleting_all_matching_the_filter_dry_runs_every_page_of_matches()
    {
        ActAsMaintainerOfWebAndMemberOfOps();
        var runners = Enumerable.Range(1, 3).Select(i => Runner($"ci-{i}", "web", RunnerStatus.Offline)).ToList();
        AnswerTeams();
        Sender.On<ListRunnersQuery>(q => Result.Success(q.Cursor is null
            ? new Page<RunnerDto>(runners.Take(2).ToList(), "next")
            : new Page<RunnerDto>(runners.Skip(2).ToList(), null)));
        Sender.On<DeleteTeamRunnersCommand>(c => Result.Success(new BulkDeletionReport(true, c.Ids!.Count, 0,
            [.. runners.Where(r => c.Ids.Contains(r.Id)).Select(r => new BulkDeletionOutcome(r.Id, r.Name, r.Status, "would_delete", null))])));
        var page = Context.Render<RunnersPage>(p => p.Add(x => x.PageSize, 2));
        page.WaitForAssertion(() => Names(page).Count.ShouldBe(2));

        page.Find("[data-testid=bulk-delete-matching]").Click();

        page.WaitForAssertion(() => page.FindAll("[data-testid=bulk-would-delete] li").Count.ShouldBe(3));
        Sender.Sent.OfType<ListRunnersQuery>().Last().Limit.ShouldBe(PageLimits.Max);
        Sender.Sent.OfType<DeleteTeamRunnersCommand>().Single().Ids!.Count.ShouldBe(3);

        page.Find("[data-testid=bulk-cancel]").Click();
        page.FindAll("[data-testid=bulk-dry-run]").ShouldBeEmpty();
        Sender.Sent.OfType<DeleteTeamRunnersCommand>().ShouldAllBe(c => c.DryRun);
    }

    private void ActAsMaintainerOfWebAndMemberOfOps() =>
        Caller.Principal = new CallerPrincipal(PrincipalKind.User, Guid.NewGuid(), "Mia Maintainer", false,
            [new TeamAccess(WebTeamId, "web", TeamAccessLevel.Maintainer), new TeamAccess(OpsTeamId, "ops", TeamAccessLevel.Member)]);

    private void AnswerTeams() =>
        Sender.On<ListTeamsQuery>(_ => Result.Success(new Page<TeamDto>([], null)));

    private static List<string> Names(IRenderedComponent<RunnersPage> page) =>
        [.. page.FindAll("[data-testid=runners-grid] tbody tr a").Select(a => a.TextContent)];

    private static RunnerDto Runner(string name, string team, RunnerStatus status) => new(
        Guid.NewGuid(), name, team, "acme", 42, RunnerKind.Jit, [team], [], 1, 3, true, status,
        "Max Member", "user", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null, null, null, null, null);
}
