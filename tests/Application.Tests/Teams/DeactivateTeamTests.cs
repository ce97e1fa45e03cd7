using RunnerTokens.Application.Teams.DeactivateTeam;
using RunnerTokens.Application.Teams.GetTeam;

namespace RunnerTokens.Application.Tests.Teams;

public sealed class DeactivateTeamTests : TeamsTestBase
{
    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public async Task Deactivation_needs_a_reason(string? reason)
    {
        await ActAsAsync(Caller.Admin);

        (await SendAsync(new DeactivateTeamCommand(TeamA, reason))).Error!.Code.ShouldBe("team.deactivation_reason_required");
        (await AuditEventsAsync("team.deactivated")).ShouldBeEmpty();
    }

    [Test]
    public async Task Members_still_see_a_deactivated_team()
    {
        await ActAsAsync(Caller.Admin);
        await SendAsync(new DeactivateTeamCommand(TeamA, "budget"));
        await ActAsAsync(Caller.Member);

        (await SendAsync(new GetTeamQuery(TeamA))).Value.IsActive.ShouldBeFalse();
    }
}
