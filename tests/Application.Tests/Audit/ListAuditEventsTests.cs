using System.Text.Json;
using RunnerTokens.Application.Audit;
using RunnerTokens.Application.Audit.ListAuditEvents;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Infrastructure.Persistence;
using RunnerTokens.TestSupport;

namespace RunnerTokens.Application.Tests.Audit;

[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.Providers))]
public sealed class ListAuditEventsTests(DatabaseProvider provider) : AuditTestDatabase(provider)
{
    private Team _alpha = null!;
    private Team _beta = null!;

    [SetUp]
    public async Task CreateTeams()
    {
        _alpha = Team.Create("alpha", "Alpha team", "acme", T0).Value;
        _beta = Team.Create("beta", "Beta team", "acme", T0).Value;
        await using var db = NewContext();
        db.Teams.AddRange(_alpha, _beta);
        await db.SaveChangesAsync();
    }

    private Task<Result<Page<AuditEventDto>>> ListAsync(ListAuditEventsQuery query, ICurrentPrincipal? caller = null) =>
        SendAsync(query, caller ?? Callers.Admin());

    private async Task<List<AuditEventDto>> ListAllAsync(ListAuditEventsQuery query, ICurrentPrincipal? caller = null)
    {
        var items = new List<AuditEventDto>();
        string? cursor = null;
        do
        {
            var page = await ListAsync(query with { Cursor = cursor }, caller);
            page.IsSuccess.ShouldBeTrue(page.Error?.Code);
            page.Value.Items.Count.ShouldBeLessThanOrEqualTo(query.Limit ?? PageLimits.Default);
            items.AddRange(page.Value.Items);
            cursor = page.Value.NextCursor;
        }
        while (cursor is not null);

        return items;
    }

    private TeamAccess Member(Team team) => new(team.Id, team.Name, TeamAccessLevel.Member);

    [Test]
    public async Task Admins_list_every_event_newest_first_with_team_names_and_details()
    {
        await InsertAsync([
            NewEvent(T0, teamId: _alpha.Id, details: """{"role":"member"}"""),
            NewEvent(T0.AddSeconds(2)),
            NewEvent(T0.AddSeconds(1), teamId: _beta.Id),
        ]);

        var page = (await ListAsync(new ListAuditEventsQuery())).Value;

        page.NextCursor.ShouldBeNull();
        page.Items.Select(e => e.OccurredAt).ShouldBe([T0.AddSeconds(2), T0.AddSeconds(1), T0]);
        page.Items.Select(e => e.Team).ShouldBe([null, "beta", "alpha"]);
        page.Items[2].Details.GetProperty("role").GetString().ShouldBe("member");
        page.Items[2].Details.ValueKind.ShouldBe(JsonValueKind.Object);
        page.Items[2].ActorId.ShouldBe("actor-1");
        page.Items[2].Sequence.ShouldBeNull();
    }

    [Test]
    public async Task Pages_never_skip_or_repeat_events_that_share_a_timestamp()
    {
        // 23 events at one instant, 10 more a second later: page boundaries fall inside the tie.
        var inserted = await InsertAsync(
            Enumerable.Range(0, 23).Select(_ => NewEvent(T0))
                .Concat(Enumerable.Range(0, 10).Select(_ => NewEvent(T0.AddSeconds(1)))));

        var listed = await ListAllAsync(new ListAuditEventsQuery(Limit: 7));

        listed.Count.ShouldBe(inserted.Count);
        listed.Select(e => e.Id).ShouldBeUnique();
        listed.Select(e => e.Id).ShouldBe(
            (await ListAsync(new ListAuditEventsQuery(Limit: 200))).Value.Items.Select(e => e.Id),
            "paged order equals the single-page order");
        listed.Select(e => e.OccurredAt).ShouldBeInOrder(SortDirection.Descending);
    }

    [Test]
    public async Task A_page_of_exactly_limit_items_has_no_next_cursor()
    {
        await InsertAsync(4);

        var page = (await ListAsync(new ListAuditEventsQuery(Limit: 4))).Value;

        page.Items.Count.ShouldBe(4);
        page.NextCursor.ShouldBeNull();
    }

    [Test]
    public async Task Default_limit_is_fifty()
    {
        await InsertAsync(51);

        var page = (await ListAsync(new ListAuditEventsQuery())).Value;

        page.Items.Count.ShouldBe(PageLimits.Default);
        page.NextCursor.ShouldNotBeNull();
    }

    [Test]
    public async Task Filters_combine()
    {
        await InsertAsync([
            NewEvent(T0, action: "team.updated", actorId: "alice", targetType: "team", targetId: "t1", teamId: _alpha.Id),
            NewEvent(T0.AddSeconds(1), action: "team.updated", actorId: "bob", targetType: "team", targetId: "t1", teamId: _alpha.Id, outcome: AuditOutcome.Denied),
            NewEvent(T0.AddSeconds(2), action: "user.created", actorId: "alice", targetType: "user", targetId: "u1"),
            NewEvent(T0.AddSeconds(3), action: "team.updated", actorId: "alice", targetType: "team", targetId: "t2", teamId: _beta.Id, outcome: AuditOutcome.Failed),
        ]);

        async Task<string[]> Targets(ListAuditEventsQuery query) =>
            [.. (await ListAsync(query)).Value.Items.Select(e => $"{e.TargetId}@{e.OccurredAt.Second}")];

        (await Targets(new ListAuditEventsQuery(Action: "team.updated"))).ShouldBe(["t2@3", "t1@1", "t1@0"]);
        (await Targets(new ListAuditEventsQuery(ActorId: "alice"))).ShouldBe(["t2@3", "u1@2", "t1@0"]);
        (await Targets(new ListAuditEventsQuery(Team: "alpha"))).ShouldBe(["t1@1", "t1@0"]);
        (await Targets(new ListAuditEventsQuery(Team: "ALPHA"))).ShouldBe(["t1@1", "t1@0"]);
        (await Targets(new ListAuditEventsQuery(TargetType: "user"))).ShouldBe(["u1@2"]);
        (await Targets(new ListAuditEventsQuery(TargetId: "t1"))).ShouldBe(["t1@1", "t1@0"]);
        (await Targets(new ListAuditEventsQuery(Outcome: "denied"))).ShouldBe(["t1@1"]);
        (await Targets(new ListAuditEventsQuery(Outcome: "Failed"))).ShouldBe(["t2@3"]);
        (await Targets(new ListAuditEventsQuery(From: T0.AddSeconds(1), To: T0.AddSeconds(3)))).ShouldBe(["u1@2", "t1@1"]);
        (await Targets(new ListAuditEventsQuery(From: T0.AddSeconds(2).ToOffset(TimeSpan.FromHours(-5))))).ShouldBe(["t2@3", "u1@2"]);
        (await Targets(new ListAuditEventsQuery(Action: "team.updated", ActorId: "alice", Team: "alpha"))).ShouldBe(["t1@0"]);
        (await Targets(new ListAuditEventsQuery(Action: "nothing.matches"))).ShouldBeEmpty();
    }

    [Test]
    public async Task Paging_keeps_the_filters()
    {
        await InsertAsync(Enumerable.Range(0, 12).Select(i => NewEvent(T0, teamId: i % 2 == 0 ? _alpha.Id : _beta.Id)));

        var listed = await ListAllAsync(new ListAuditEventsQuery(Team: "alpha", Limit: 4));

        listed.Count.ShouldBe(6);
        listed.ShouldAllBe(e => e.Team == "alpha");
    }

    [Test]
    public async Task Members_and_maintainers_read_their_teams_events_only()
    {
        await InsertAsync([NewEvent(T0, teamId: _alpha.Id), NewEvent(T0, teamId: _beta.Id), NewEvent(T0)]);
        var member = Callers.User(Member(_alpha));
        var maintainer = Callers.User(new TeamAccess(_beta.Id, _beta.Name, TeamAccessLevel.Maintainer));

        var asMember = (await ListAsync(new ListAuditEventsQuery(Team: "alpha"), member)).Value.Items;
        var asMaintainer = (await ListAsync(new ListAuditEventsQuery(Team: "beta"), maintainer)).Value.Items;

        asMember.ShouldHaveSingleItem().TeamId.ShouldBe(_alpha.Id);
        asMaintainer.ShouldHaveSingleItem().TeamId.ShouldBe(_beta.Id);
    }

    [Test]
    public async Task Non_admins_must_name_one_of_their_teams()
    {
        var member = Callers.User(Member(_alpha));

        (await ListAsync(new ListAuditEventsQuery(), member)).Error.ShouldBe(AuditErrors.TeamRequired);
        (await ListAsync(new ListAuditEventsQuery(Team: "beta"), member)).Error.ShouldBe(AuditErrors.TeamNotFound);
        (await ListAsync(new ListAuditEventsQuery(Team: "no-such-team"), member)).Error.ShouldBe(AuditErrors.TeamNotFound);
        (await ListAsync(new ListAuditEventsQuery(Team: "beta"), Callers.User())).Error.ShouldBe(AuditErrors.TeamNotFound);
    }

    [Test]
    public async Task Machine_identities_cannot_read_the_audit_trail()
    {
        var machine = Callers.Machine(new TeamAccess(_alpha.Id, _alpha.Name, TeamAccessLevel.Machine));

        (await ListAsync(new ListAuditEventsQuery(Team: "alpha"), machine)).Error.ShouldBe(AccessErrors.TeamRoleRequired);
        (await ListAsync(new ListAuditEventsQuery(Team: "beta"), machine)).Error.ShouldBe(AuditErrors.TeamNotFound);
    }

    [Test]
    public async Task Anonymous_callers_are_refused()
    {
        (await ListAsync(new ListAuditEventsQuery(), Callers.Anonymous)).Error.ShouldBe(AccessErrors.Unauthenticated);
    }

    [Test]
    public async Task An_admin_filtering_on_an_unknown_team_gets_not_found()
    {
        (await ListAsync(new ListAuditEventsQuery(Team: "gamma"))).Error.ShouldBe(AuditErrors.TeamNotFound);
    }

    [Test]
    public async Task A_hand_edited_details_value_that_is_not_json_is_returned_as_a_string()
    {
        await InsertAsync([NewEvent(T0)]);
        await TamperAsync("""UPDATE "AuditEvents" SET "DetailsJson" = 'not json'""");

        var item = (await ListAsync(new ListAuditEventsQuery())).Value.Items.Single();

        item.Details.GetString().ShouldBe("not json");
    }

    [Test]
    public async Task An_invalid_query_is_refused_by_validation_before_the_handler() =>
        await Should.ThrowAsync<FluentValidation.ValidationException>(() => ListAsync(new ListAuditEventsQuery(Limit: 0)));
}
