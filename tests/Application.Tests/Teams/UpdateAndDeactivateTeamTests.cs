using System.Text.Json;
using RunnerTokens.Application.Teams.DeactivateTeam;
using RunnerTokens.Application.Teams.GetTeam;
using RunnerTokens.Application.Teams.ReactivateTeam;
using RunnerTokens.Application.Teams.UpdateTeam;

namespace RunnerTokens.Application.Tests.Teams;

public sealed class UpdateAndDeactivateTeamTests : TeamsTestBase
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
    public async Task State_transitions_that_change_nothing_are_conflicts()
    {
        await ActAsAsync(Caller.Admin);

        (await SendAsync(new ReactivateTeamCommand(TeamA))).Error!.Code.ShouldBe("team.not_deactivated");
        await SendAsync(new DeactivateTeamCommand(TeamA, "budget"));
        (await SendAsync(new DeactivateTeamCommand(TeamA, "again"))).Error!.Code.ShouldBe("team.already_deactivated");
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
