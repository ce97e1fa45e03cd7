using System.Text.Json;
using RunnerTokens.Application.Teams.DeactivateTeam;
using RunnerTokens.Application.Teams.ReactivateTeam;

namespace RunnerTokens.Application.Tests.Teams;

public sealed class ReactivateTeamTests : TeamsTestBase
{
    [TestCase(Caller.Maintainer, "auth.admin_required")]
    [TestCase(Caller.Member, "auth.admin_required")]
    [TestCase(Caller.Machine, "auth.admin_required")]
    [TestCase(Caller.NonMember, "team.not_found")]
    [TestCase(Caller.Anonymous, "auth.unauthenticated")]
    public async Task Only_admins_deactivate_and_reactivate(Caller caller, string code)
    {
        await ActAsAsync(caller);
        (await SendAsync(new DeactivateTeamCommand(TeamA, "budget"))).Error!.Code.ShouldBe(code);

        await ActAsAsync(Caller.Admin);
        await SendAsync(new DeactivateTeamCommand(TeamA, "budget"));

        await ActAsAsync(caller);
        (await SendAsync(new ReactivateTeamCommand(TeamA))).Error!.Code.ShouldBe(code);
    }

    [Test]
    public async Task Deactivation_and_reactivation_are_recorded_and_audited()
    {
        await ActAsAsync(Caller.Admin);

        var deactivated = (await SendAsync(new DeactivateTeamCommand(TeamA, "Budget cut"))).Value;
        Clock.Advance(TimeSpan.FromHours(1));
        var reactivated = (await SendAsync(new ReactivateTeamCommand(TeamA))).Value;

        deactivated.IsActive.ShouldBeFalse();
        deactivated.DeactivationReason.ShouldBe("Budget cut");
        deactivated.DeactivatedBy.ShouldBe(Admin.Id.ToString());
        deactivated.DeactivatedAt.ShouldBe(Clock.GetUtcNow().AddHours(-1));
        reactivated.IsActive.ShouldBeTrue();
        reactivated.DeactivationReason.ShouldBeNull();

        var deactivation = (await AuditEventsAsync("team.deactivated")).Single();
        using (var details = JsonDocument.Parse(deactivation.DetailsJson))
        {
            details.RootElement.GetProperty("before").GetProperty("isActive").GetBoolean().ShouldBeTrue();
            details.RootElement.GetProperty("after").GetProperty("isActive").GetBoolean().ShouldBeFalse();
            details.RootElement.GetProperty("after").GetProperty("deactivationReason").GetString().ShouldBe("Budget cut");
        }

        var reactivation = (await AuditEventsAsync("team.reactivated")).Single();
        using (var details = JsonDocument.Parse(reactivation.DetailsJson))
        {
            details.RootElement.GetProperty("before").GetProperty("deactivationReason").GetString().ShouldBe("Budget cut");
            details.RootElement.GetProperty("after").GetProperty("isActive").GetBoolean().ShouldBeTrue();
        }
    }

    [Test]
    public async Task State_transitions_that_change_nothing_are_conflicts()
    {
        await ActAsAsync(Caller.Admin);

        (await SendAsync(new ReactivateTeamCommand(TeamA))).Error!.Code.ShouldBe("team.not_deactivated");
        await SendAsync(new DeactivateTeamCommand(TeamA, "budget"));
        (await SendAsync(new DeactivateTeamCommand(TeamA, "again"))).Error!.Code.ShouldBe("team.already_deactivated");
    }
}
