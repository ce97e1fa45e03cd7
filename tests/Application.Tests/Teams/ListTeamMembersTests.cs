using RunnerTokens.Application.Teams.ListTeamMembers;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Tests.Teams;

public sealed class ListTeamMembersTests : TeamsTestBase
{
    [TestCase(Caller.Admin, null)]
    [TestCase(Caller.Maintainer, null)]
    [TestCase(Caller.Member, null)]
    [TestCase(Caller.Machine, "auth.team_role_required")]
    [TestCase(Caller.NonMember, "team.not_found")]
    [TestCase(Caller.OtherTeamMachine, "team.not_found")]
    [TestCase(Caller.Anonymous, "auth.unauthenticated")]
    public async Task The_team_s_users_and_admins_list_its_members(Caller caller, string? code)
    {
        await ActAsAsync(caller);

        var result = await SendAsync(new ListTeamMembersQuery(TeamA));

        if (code is null)
        {
            result.Value.Items.Select(m => (m.DisplayName, m.Role)).ShouldBe([("member", TeamRole.Member), ("maintainer", TeamRole.Maintainer)]);
        }
        else
        {
            result.Error!.Code.ShouldBe(code);
        }
    }

    [Test]
    public async Task Members_are_paged()
    {
        for (var i = 0; i < 3; i++)
        {
            var user = await SeedUserAsync($"extra-{i}");
            await AddMembershipAsync(TeamAInfo.Id, user.Id, TeamRole.Member);
        }

        await ActAsAsync(Caller.Maintainer);
        var first = (await SendAsync(new ListTeamMembersQuery(TeamA, Limit: 3))).Value;
        var second = (await SendAsync(new ListTeamMembersQuery(TeamA, Limit: 3, Cursor: first.NextCursor))).Value;

        first.Items.Concat(second.Items).Select(m => m.UserId).ShouldBeUnique();
        (first.Items.Count + second.Items.Count).ShouldBe(5);
        second.NextCursor.ShouldBeNull();
    }
}
