using Bunit;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Application.Teams.ListLabelPolicyVersions;
using RunnerTokens.Domain.Common;
using RunnerTokens.Web.Teams;
using static RunnerTokens.Web.Tests.Components.LabelPolicyEditorTests;

namespace RunnerTokens.Web.Tests.Components;

public sealed class PolicyHistoryTests : DashboardComponentTest
{
    private static readonly LabelPolicyDto V1 = Policy(1, [], [], [], null);
    private static readonly LabelPolicyDto V2 = Policy(2, ["web"], ["small", "node-[0-9]+"], [3], 5);
    private static readonly LabelPolicyDto V3 = Policy(3, ["web", "linux"], ["node-[0-9]+", "large"], [3, 4], 8, tokens: true);

    [Test]
    public async Task It_compares_the_two_newest_versions_and_any_other_pair()
    {
        Sender.On<ListLabelPolicyVersionsQuery>(_ => Result.Success(new Page<LabelPolicyDto>([V3, V2, V1], null)));
        var history = Context.Render<PolicyHistory>(p => p.Add(h => h.Team, "web"));

        history.FindAll("[data-testid=policy-versions] tbody tr").Count.ShouldBe(3);
        Rows(history).ShouldBe(
        [
            "requiredLabels|added||linux",
            "allowedLabelPatterns|removed|small|",
            "allowedLabelPatterns|added||large",
            "allowedRunnerGroupIds|added||4",
            "maxRunners|changed|5|8",
            "allowRegistrationTokens|changed|no|yes",
        ]);

        var from = history.FindComponents<MudBlazor.MudSelect<int>>()[0].Instance;
        await history.InvokeAsync(() => from.ValueChanged.InvokeAsync(1));

        Rows(history).ShouldContain("requiredLabels|added||web");
        Rows(history).ShouldContain("maxRunners|changed|unlimited|8");
        history.Find("[data-testid=policy-diff] thead").TextContent.ShouldContain("Version 1");
    }

    [Test]
    public void The_same_settings_show_no_difference()
    {
        Sender.On<ListLabelPolicyVersionsQuery>(_ => Result.Success(new Page<LabelPolicyDto>([V2 with { Version = 3 }, V2], null)));
        var history = Context.Render<PolicyHistory>(p => p.Add(h => h.Team, "web"));

        history.Find("[data-testid=policy-diff-empty]").TextContent.ShouldContain("Versions 2 and 3 have the same settings");
    }

    [Test]
    public void The_diff_reports_reordered_required_labels_and_ignores_case_as_the_policy_does()
    {
        var diff = PolicyDiff.Between(V3, V3 with { Version = 4, RequiredLabels = ["LINUX", "web"] });

        diff.Changes.Select(c => (c.Field, c.Kind)).ShouldBe([("requiredLabels", PolicyChangeKind.Reordered)]);
        diff.Changes[0].Before.ShouldBe("web, linux");
        diff.Changes[0].After.ShouldBe("LINUX, web");
    }

    private static List<string> Rows(IRenderedComponent<PolicyHistory> history) =>
        [.. history.FindAll("[data-testid=policy-diff] tbody tr").Select(tr => string.Join('|', tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim())))];
}
