using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Teams.ListTeamMembers;
using RunnerTokens.Application.Teams.RemoveTeamMember;
using RunnerTokens.Application.Teams.SetTeamMember;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Tests.Teams;

public sealed class TeamMembersTests : TeamsTestBase
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
