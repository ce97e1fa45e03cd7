using RunnerTokens.Application.Teams.GetTeam;

namespace RunnerTokens.Application.Tests.Teams;

public sealed class GetTeamTests : TeamsTestBase
{
    [TestCase(Caller.Admin, null)]
    [TestCase(Caller.Maintainer, null)]
    [TestCase(Caller.Member, null)]
    [TestCase(Caller.Machine, null)]
    [TestCase(Caller.NonMember, "team.not_found")]
    [TestCase(Caller.OtherTeamMachine, "team.not_found")]
    [TestCase(Caller.Anonymous, "auth.unauthenticated")]
    public async Task Only_those_who_may_see_a_team_get_it(Caller caller, string? code)
    {
        await ActAsAsync(caller);

        var result = await SendAsync(new GetTeamQuery(TeamA));

        if (code is null)
        {
            result.Value.Id.ShouldBe(TeamAInfo.Id);
            result.Value.PolicyVersion.ShouldBe(1);
        }
        else
        {
            result.Error!.Code.ShouldBe(code);
        }
    }

    [Test]
    public async Task A_missing_team_and_a_hidden_team_look_the_same()
    {
        await ActAsAsync(Caller.NonMember);

        var hidden = await SendAsync(new GetTeamQuery(TeamA));
        var missing = await SendAsync(new GetTeamQuery("no-such-team"));

        hidden.Error.ShouldBe(missing.Error);
    }

    [Test]
    public async Task The_route_name_is_matched_ignoring_case()
    {
        await ActAsAsync(Caller.Member);

        (await SendAsync(new GetTeamQuery("Team-A"))).Value.Name.ShouldBe(TeamA);
    }
}
