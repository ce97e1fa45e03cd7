using RunnerTokens.Application.Teams.CreateTeam;
using RunnerTokens.Application.Teams.ListTeams;

namespace RunnerTokens.Application.Tests.Teams;

public sealed class ListTeamsTests : TeamsTestBase
{
    [TestCase(Caller.Admin, new[] { TeamB, TeamA })]
    [TestCase(Caller.Maintainer, new[] { TeamA })]
    [TestCase(Caller.Member, new[] { TeamA })]
    [TestCase(Caller.NonMember, new string[0])]
    [TestCase(Caller.Machine, new[] { TeamA })]
    [TestCase(Caller.OtherTeamMachine, new[] { TeamB })]
    public async Task Admins_list_every_team_others_their_own(Caller caller, string[] expected)
    {
        await ActAsAsync(caller);

        var page = (await SendAsync(new ListTeamsQuery())).Value;

        page.Items.Select(t => t.Name).ShouldBe(expected);
        page.NextCursor.ShouldBeNull();
    }

    [Test]
    public async Task Listing_needs_a_caller()
    {
        await ActAsAsync(Caller.Anonymous);

        (await SendAsync(new ListTeamsQuery())).Error!.Code.ShouldBe("auth.unauthenticated");
    }

    [Test]
    public async Task Pages_cover_every_team_once_even_when_created_at_the_same_instant()
    {
        await ActAsAsync(Caller.Admin);
        for (var i = 0; i < 5; i++)
        {
            (await SendAsync(new CreateTeamCommand($"same-{i}", null, "acme", null))).IsSuccess.ShouldBeTrue();
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = (await SendAsync(new ListTeamsQuery(Limit: 2, Cursor: cursor))).Value;
            page.Items.Count.ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(page.Items.Select(t => t.Name));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        seen.Count.ShouldBe(7);
        seen.ShouldBeUnique();
        pages.ShouldBe(4);
    }

    [Test]
    public async Task A_bad_cursor_is_refused()
    {
        await ActAsAsync(Caller.Admin);

        (await SendAsync(new ListTeamsQuery(Cursor: "not-a-cursor"))).Error!.Code.ShouldBe("request.invalid_cursor");
    }

    [TestCase(0)]
    [TestCase(201)]
    public async Task The_page_size_is_1_to_200(int limit)
    {
        await ActAsAsync(Caller.Admin);

        await Should.ThrowAsync<FluentValidation.ValidationException>(() => SendAsync(new ListTeamsQuery(Limit: limit)));
    }
}
