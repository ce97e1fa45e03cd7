using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Teams.SetTeamMember;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Tests.Teams;

public sealed class SetTeamMemberTests : TeamsTestBase
{
    [TestCase(Caller.Admin, null)]
    [TestCase(Caller.Maintainer, null)]
    [TestCase(Caller.Member, "auth.maintainer_required")]
    [TestCase(Caller.Machine, "auth.maintainer_required")]
    [TestCase(Caller.NonMember, "team.not_found")]
    [TestCase(Caller.Anonymous, "auth.unauthenticated")]
    public async Task Admins_and_maintainers_add_members(Caller caller, string? code)
    {
        await ActAsAsync(caller);

        var result = await SendAsync(new SetTeamMemberCommand(TeamA, Outsider.Id, TeamRole.Member));

        var isMember = await WithDbAsync(db => db.TeamMemberships.AnyAsync(m => m.TeamId == TeamAInfo.Id && m.UserId == Outsider.Id));
        if (code is null)
        {
            result.Value.UserId.ShouldBe(Outsider.Id);
            result.Value.Role.ShouldBe(TeamRole.Member);
            isMember.ShouldBeTrue();
        }
        else
        {
            result.Error!.Code.ShouldBe(code);
            isMember.ShouldBeFalse();
        }
    }

    [Test]
    public async Task Adding_is_audited_without_a_before()
    {
        await ActAsAsync(Caller.Maintainer);

        await SendAsync(new SetTeamMemberCommand(TeamA, Outsider.Id, TeamRole.Member));

        var added = (await AuditEventsAsync("team.member_added")).Single();
        added.ActorId.ShouldBe(Maintainer.Id.ToString());
        added.TargetId.ShouldBe($"{TeamAInfo.Id}/{Outsider.Id}");
        using var details = JsonDocument.Parse(added.DetailsJson);
        details.RootElement.GetProperty("before").ValueKind.ShouldBe(JsonValueKind.Null);
        details.RootElement.GetProperty("after").GetProperty("role").GetString().ShouldBe("member");
    }

    [Test]
    public async Task A_role_change_is_audited_with_before_and_after()
    {
        await ActAsAsync(Caller.Maintainer);

        var promoted = (await SendAsync(new SetTeamMemberCommand(TeamA, Member.Id, TeamRole.Maintainer))).Value;

        promoted.Role.ShouldBe(TeamRole.Maintainer);
        var changed = (await AuditEventsAsync("team.member_role_changed")).Single();
        using var details = JsonDocument.Parse(changed.DetailsJson);
        details.RootElement.GetProperty("before").GetProperty("role").GetString().ShouldBe("member");
        details.RootElement.GetProperty("after").GetProperty("role").GetString().ShouldBe("maintainer");
    }

    [Test]
    public async Task Setting_the_same_role_again_changes_nothing()
    {
        await ActAsAsync(Caller.Admin);

        (await SendAsync(new SetTeamMemberCommand(TeamA, Member.Id, TeamRole.Member))).Value.Role.ShouldBe(TeamRole.Member);

        (await AuditEventsAsync("team.member_role_changed")).ShouldBeEmpty();
        (await AuditEventsAsync("team.member_added")).ShouldBeEmpty();
    }

    [Test]
    public async Task An_unknown_user_cannot_be_added()
    {
        await ActAsAsync(Caller.Admin);

        (await SendAsync(new SetTeamMemberCommand(TeamA, Guid.CreateVersion7(), TeamRole.Member))).Error!.Code.ShouldBe("user.not_found");
    }

    [Test]
    public async Task An_undefined_role_is_a_validation_failure()
    {
        await ActAsAsync(Caller.Admin);

        await Should.ThrowAsync<FluentValidation.ValidationException>(() => SendAsync(new SetTeamMemberCommand(TeamA, Outsider.Id, (TeamRole)42)));
    }
}
