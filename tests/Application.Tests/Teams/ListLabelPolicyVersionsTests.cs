using RunnerTokens.Application.Teams.ChangeLabelPolicy;
using RunnerTokens.Application.Teams.ListLabelPolicyVersions;

namespace RunnerTokens.Application.Tests.Teams;

public sealed class ListLabelPolicyVersionsTests : TeamsTestBase
{
    [Test]
    public async Task Versions_are_paged_newest_first()
    {
        await ActAsAsync(Caller.Admin);
        for (var max = 1; max <= 4; max++)
        {
            await SendAsync(new ChangeLabelPolicyCommand(TeamA, Settings(max: max)));
        }

        var first = (await SendAsync(new ListLabelPolicyVersionsQuery(TeamA, Limit: 2))).Value;
        var second = (await SendAsync(new ListLabelPolicyVersionsQuery(TeamA, Limit: 2, Cursor: first.NextCursor))).Value;
        var third = (await SendAsync(new ListLabelPolicyVersionsQuery(TeamA, Limit: 2, Cursor: second.NextCursor))).Value;

        first.Items.Select(v => v.Version).ShouldBe([5, 4]);
        second.Items.Select(v => v.Version).ShouldBe([3, 2]);
        third.Items.Select(v => v.Version).ShouldBe([1]);
        third.NextCursor.ShouldBeNull();
    }

    [Test]
    public async Task A_cursor_from_another_team_is_refused()
    {
        await ActAsAsync(Caller.Admin);
        await SendAsync(new ChangeLabelPolicyCommand(TeamB, Settings(max: 1)));
        await SendAsync(new ChangeLabelPolicyCommand(TeamB, Settings(max: 2)));
        var teamBCursor = (await SendAsync(new ListLabelPolicyVersionsQuery(TeamB, Limit: 1))).Value.NextCursor;

        (await SendAsync(new ListLabelPolicyVersionsQuery(TeamA, Cursor: teamBCursor))).Error!.Code.ShouldBe("request.invalid_cursor");
    }
}
