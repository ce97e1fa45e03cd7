using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Audit;
using RunnerTokens.Application.Audit.ListSecurityEvents;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Infrastructure.Persistence;
using RunnerTokens.TestSupport;

namespace RunnerTokens.Application.Tests.Audit;

[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.Providers))]
public sealed class ListSecurityEventsTests(DatabaseProvider provider) : AuditTestDatabase(provider)
{
    private Team _alpha = null!;

    [SetUp]
    public async Task CreateTeam()
    {
        _alpha = Team.Create("alpha", "Alpha team", "acme", T0).Value;
        await using var db = NewContext();
        db.Teams.Add(_alpha);
        await db.SaveChangesAsync();
    }

    private static SecurityEvent Event(DateTimeOffset at, string type = "principal.unknown", SecuritySeverity severity = SecuritySeverity.Medium, string? actorId = null, Guid? teamId = null) =>
        SecurityEvent.Record(
            type,
            severity,
            actorId is null ? null : new AuditActor(PrincipalKind.User, actorId, actorId),
            teamId,
            null,
            """{"issuer":"https://issuer.example"}""",
            at,
            AuditContext.None);

    private async Task InsertAsync(params SecurityEvent[] events)
    {
        await using var db = NewContext();
        db.SecurityEvents.AddRange(events);
        await db.SaveChangesAsync();
    }

    private Task<Result<Page<SecurityEventDto>>> ListAsync(ListSecurityEventsQuery query, ICurrentPrincipal? caller = null) =>
        SendAsync(query, caller ?? Callers.Admin());

    [Test]
    public async Task Admins_list_newest_first_with_filters()
    {
        await InsertAsync(
            Event(T0, severity: SecuritySeverity.Low),
            Event(T0.AddSeconds(1), type: "token.replayed", severity: SecuritySeverity.High, actorId: "m1", teamId: _alpha.Id),
            Event(T0.AddSeconds(2), type: "token.replayed", severity: SecuritySeverity.Critical, actorId: "m2"));

        async Task<int[]> Seconds(ListSecurityEventsQuery query) =>
            [.. (await ListAsync(query)).Value.Items.Select(e => e.OccurredAt.Second)];

        (await Seconds(new ListSecurityEventsQuery())).ShouldBe([2, 1, 0]);
        (await Seconds(new ListSecurityEventsQuery(Type: "token.replayed"))).ShouldBe([2, 1]);
        (await Seconds(new ListSecurityEventsQuery(ActorId: "m1"))).ShouldBe([1]);
        (await Seconds(new ListSecurityEventsQuery(Team: "alpha"))).ShouldBe([1]);
        (await Seconds(new ListSecurityEventsQuery(Severity: "critical"))).ShouldBe([2]);
        (await Seconds(new ListSecurityEventsQuery(From: T0.AddSeconds(1)))).ShouldBe([2, 1]);
        (await Seconds(new ListSecurityEventsQuery(To: T0.AddSeconds(1)))).ShouldBe([0]);

        var withTeam = (await ListAsync(new ListSecurityEventsQuery(Team: "alpha"))).Value.Items.Single();
        withTeam.Team.ShouldBe("alpha");
        withTeam.Severity.ShouldBe(SecuritySeverity.High);
        withTeam.ActorKind.ShouldBe(PrincipalKind.User);
        withTeam.Details.GetProperty("issuer").GetString().ShouldBe("https://issuer.example");
    }

    [Test]
    public async Task Pages_never_skip_or_repeat_events_that_share_a_timestamp()
    {
        await InsertAsync([.. Enumerable.Range(0, 17).Select(_ => Event(T0))]);
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = (await ListAsync(new ListSecurityEventsQuery(Cursor: cursor, Limit: 5))).Value;
            ids.AddRange(page.Items.Select(e => e.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        ids.Count.ShouldBe(17);
        ids.ShouldBeUnique();
        await using var db = NewContext();
        (await db.SecurityEvents.Select(e => e.Id).ToListAsync()).ShouldBe(ids, ignoreOrder: true);
    }

    [Test]
    public async Task Only_admins_may_list_security_events()
    {
        var member = Callers.User(new TeamAccess(_alpha.Id, _alpha.Name, TeamAccessLevel.Maintainer));

        (await ListAsync(new ListSecurityEventsQuery(Team: "alpha"), member)).Error.ShouldBe(AccessErrors.AdminRequired);
        (await ListAsync(new ListSecurityEventsQuery(), Callers.Anonymous)).Error.ShouldBe(AccessErrors.Unauthenticated);
        (await ListAsync(new ListSecurityEventsQuery(Team: "nope"))).Error.ShouldBe(AuditErrors.TeamNotFound);
    }
}
