using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Infrastructure.Identity;
using RunnerTokens.Infrastructure.Persistence;
using RunnerTokens.TestSupport;

namespace RunnerTokens.Infrastructure.Tests.Identity;

/// <summary>
/// The interceptor drops cached principals after a save that changes who someone is, including a change EF has not
/// detected yet when the save starts (a tracked entity changed through its own methods), and leaves them alone
/// for saves of other entities (it change-detects only users, memberships, teams and machine identities).
/// </summary>
public sealed class PrincipalCacheInvalidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly CallerPrincipal Cached = new(PrincipalKind.User, Guid.NewGuid(), "Alice", false, []);
    private TestDatabase _database = null!;
    private PrincipalCache _cache = null!;

    [SetUp]
    public async Task SetUp()
    {
        _database = await TestDatabases.CreateAsync(DatabaseProvider.Sqlite);
        _cache = new PrincipalCache(TimeProvider.System);
    }

    [TearDown]
    public async Task TearDown() => await _database.DisposeAsync();

    [Test]
    public async Task A_tracked_user_changed_through_its_methods_invalidates_on_save()
    {
        var userId = await SeedAsync();
        await using var db = NewContext();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        CacheOne();

        user.Rename("Alice B.", Now); // no Update(): EF only learns of it by detecting changes
        await db.SaveChangesAsync();

        _cache.TryGet("key", out _).ShouldBeFalse();
    }

    [Test]
    public async Task A_membership_added_invalidates_on_save()
    {
        var userId = await SeedAsync();
        await using var db = NewContext();
        var team = await db.Teams.SingleAsync();
        CacheOne();

        db.TeamMemberships.Add(TeamMembership.Create(team.Id, userId, TeamRole.Member, Now));
        await db.SaveChangesAsync();

        _cache.TryGet("key", out _).ShouldBeFalse();
    }

    [Test]
    public async Task Saving_only_runners_keeps_the_cache_while_users_and_teams_are_tracked_unchanged()
    {
        var userId = await SeedAsync();
        await using var db = NewContext();
        (await db.Users.SingleAsync(u => u.Id == userId)).ShouldNotBeNull();
        (await db.Teams.SingleAsync()).ShouldNotBeNull();
        var runners = await db.Runners.ToListAsync();
        CacheOne();

        runners[0].CompleteJit(42, "fingerprint", Now).IsSuccess.ShouldBeTrue();
        await db.SaveChangesAsync();

        _cache.TryGet("key", out _).ShouldBeTrue();
        await using var read = NewContext();
        (await read.Runners.SingleAsync(r => r.Id == runners[0].Id)).GitHubRunnerId.ShouldBe(42);
    }

    private void CacheOne()
    {
        _cache.Store("key", Cached, _cache.Generation);
        _cache.TryGet("key", out _).ShouldBeTrue();
    }

    private AppDbContext NewContext() => new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
        .UseSqlite(_database.ConnectionString)
        .AddInterceptors(new PrincipalCacheInvalidation(_cache))
        .Options);

    private async Task<Guid> SeedAsync()
    {
        await using var db = _database.CreateContext();
        var user = User.Register("https://issuer.test", "alice", "alice@example.test", "Alice", Now).Value;
        var team = Team.Create("team-a", "", "acme", Now).Value;
        db.Users.Add(user);
        db.Teams.Add(team);
        var actor = new AuditActor(PrincipalKind.User, user.Id.ToString(), "Alice");
        for (var i = 0; i < 3; i++)
        {
            db.Runners.Add(Runner.Reserve(team.Id, "acme", $"ci-{i}", RunnerKind.Jit, ["gpu"], ["team-a", "gpu"], 1, 1, true, actor, Now));
        }

        await db.SaveChangesAsync();
        return user.Id;
    }
}
