using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Teams.RemoveTeamMember;
using RunnerTokens.Application.Teams.SetTeamMember;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Tests.Teams;

public sealed class RemoveTeamMemberTests : TeamsTestBase
{
    [TestCase(Caller.Admin, null)]
    [TestCase(Caller.Maintainer, null)]
    [TestCase(Caller.Member, "auth.maintainer_required")]
    [TestCase(Caller.Machine, "auth.maintainer_required")]
    [TestCase(Caller.NonMember, "team.not_found")]
    [TestCase(Caller.Anonymous, "auth.unauthenticated")]
    public async Task Admins_and_maintainers_remove_members(Caller caller, string? code)
    {
        await ActAsAsync(caller);

        var result = await SendAsync(new RemoveTeamMemberCommand(TeamA, Member.Id));

        var stillMember = await WithDbAsync(db => db.TeamMemberships.AnyAsync(m => m.TeamId == TeamAInfo.Id && m.UserId == Member.Id));
        if (code is null)
        {
            result.IsSuccess.ShouldBeTrue();
            stillMember.ShouldBeFalse();
            var removed = (await AuditEventsAsync("team.member_removed")).Single();
            using var details = JsonDocument.Parse(removed.DetailsJson);
            details.RootElement.GetProperty("before").GetProperty("role").GetString().ShouldBe("member");
            details.RootElement.GetProperty("after").ValueKind.ShouldBe(JsonValueKind.Null);
        }
        else
        {
            result.Error!.Code.ShouldBe(code);
            stillMember.ShouldBeTrue();
        }
    }

    [Test]
    public async Task Removing_a_non_member_is_not_found()
    {
        await ActAsAsync(Caller.Admin);

        (await SendAsync(new RemoveTeamMemberCommand(TeamA, Outsider.Id))).Error!.Code.ShouldBe("team.member_not_found");
    }

    [Test]
    public async Task A_removed_maintainer_loses_access_at_the_next_request()
    {
        await ActAsAsync(Caller.Admin);
        await SendAsync(new RemoveTeamMemberCommand(TeamA, Maintainer.Id));

        await ActAsAsync(Caller.Maintainer);

        (await SendAsync(new SetTeamMemberCommand(TeamA, Outsider.Id, TeamRole.Member))).Error!.Code.ShouldBe("team.not_found");
    }
}
