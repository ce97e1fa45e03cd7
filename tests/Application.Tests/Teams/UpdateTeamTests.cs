using System.Text.Json;
using RunnerTokens.Application.Teams.GetTeam;
using RunnerTokens.Application.Teams.UpdateTeam;

namespace RunnerTokens.Application.Tests.Teams;

public sealed class UpdateTeamTests : TeamsTestBase
{
    [TestCase(Caller.Admin, null)]
    [TestCase(Caller.Maintainer, null)]
    [TestCase(Caller.Member, "auth.maintainer_required")]
    [TestCase(Caller.Machine, "auth.maintainer_required")]
    [TestCase(Caller.NonMember, "team.not_found")]
    [TestCase(Caller.OtherTeamMachine, "team.not_found")]
    [TestCase(Caller.Anonymous, "auth.unauthenticated")]
    public async Task Admins_and_maintainers_change_the_description(Caller caller, string? code)
    {
        await ActAsAsync(caller);

        var result = await SendAsync(new UpdateTeamCommand(TeamA, "New description"));

        await ActAsAsync(Caller.Admin);
        var team = (await SendAsync(new GetTeamQuery(TeamA))).Value;
        if (code is null)
        {
            result.Value.Description.ShouldBe("New description");
            team.Description.ShouldBe("New description");
        }
        else
        {
            result.Error!.Code.ShouldBe(code);
            team.Description.ShouldBe("Team A");
        }
    }

    [Test]
    public async Task A_description_change_is_audited_with_before_and_after()
    {
        await ActAsAsync(Caller.Maintainer);

        await SendAsync(new UpdateTeamCommand(TeamA, "New description"));

        var updated = (await AuditEventsAsync("team.updated")).Single();
        updated.ActorId.ShouldBe(Maintainer.Id.ToString());
        updated.TeamId.ShouldBe(TeamAInfo.Id);
        updated.OccurredAt.ShouldBe(Clock.GetUtcNow());
        using var details = JsonDocument.Parse(updated.DetailsJson);
        details.RootElement.GetProperty("before").GetProperty("description").GetString().ShouldBe("Team A");
        details.RootElement.GetProperty("after").GetProperty("description").GetString().ShouldBe("New description");
    }

    [Test]
    public async Task An_unchanged_description_writes_no_audit_event()
    {
        await ActAsAsync(Caller.Maintainer);

        (await SendAsync(new UpdateTeamCommand(TeamA, "Team A"))).IsSuccess.ShouldBeTrue();

        (await AuditEventsAsync("team.updated")).ShouldBeEmpty();
    }

    [Test]
    public async Task A_too_long_description_is_refused()
    {
        await ActAsAsync(Caller.Admin);

        (await SendAsync(new UpdateTeamCommand(TeamA, new string('d', 1001)))).Error!.Code.ShouldBe("team.invalid_description");
    }
}
