using Microsoft.EntityFrameworkCore;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Infrastructure.Persistence;
using RunnerTokens.TestSupport;

namespace RunnerTokens.Infrastructure.Tests.Persistence;

/// <summary>Runner mapping and the database-enforced live-name uniqueness, on every provider.</summary>
[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.Providers))]
public sealed class RunnerPersistenceTests(DatabaseProvider provider)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly AuditActor Actor = new(PrincipalKind.User, "u", "User");
    private TestDatabase _database = null!;

    [SetUp]
    public async Task SetUp() => _database = await TestDatabases.CreateAsync(provider);

    [TearDown]
    public async Task TearDown()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private AppDbContext NewContext() => _database.CreateContext();

    private static Runner NewRunner(Guid teamId, string name, string organization = "acme") =>
        Runner.Reserve(teamId, organization, name, RunnerKind.Jit, ["gpu"], ["team-a", "gpu"], 1, 1, true, Actor, Now);

    private async Task<Guid> SeedTeamAsync()
    {
        await using var db = NewContext();
        var team = Team.Create("team-a", "", "acme", Now).Value;
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team.Id;
    }

    [Test]
    public async Task Labels_and_state_survive_a_round_trip()
    {
        var teamId = await SeedTeamAsync();
        var runner = NewRunner(teamId, "ci-1");
        runner.CompleteJit(42, "fingerprint", Now);
        await using (var db = NewContext())
        {
            db.Runners.Add(runner);
            await db.SaveChangesAsync();
        }

        await using var read = NewContext();
        var loaded = await read.Runners.SingleAsync(r => r.Id == runner.Id);

        loaded.Labels.ShouldBe(["team-a", "gpu"]);
        loaded.RequestedLabels.ShouldBe(["gpu"]);
        loaded.Status.ShouldBe(RunnerStatus.Pending);
        loaded.GitHubRunnerId.ShouldBe(42);
        loaded.LiveNameKey.ShouldBe("acme/ci-1");
        loaded.LiveGitHubRunnerId.ShouldBe(42);
    }

    [Test]
    public async Task Every_update_moves_the_concurrency_token_on_and_a_writer_that_read_an_older_version_is_refused()
    {
        var teamId = await SeedTeamAsync();
        var runner = NewRunner(teamId, "ci-1");
        await using (var db = NewContext())
        {
            db.Runners.Add(runner);
            await db.SaveChangesAsync();
        }

        (await VersionAsync(runner.Id)).ShouldBe(0);
        await using var stale = NewContext();
        await using var current = NewContext();
        var staleRunner = await stale.Runners.SingleAsync(r => r.Id == runner.Id);
        var currentRunner = await current.Runners.SingleAsync(r => r.Id == runner.Id);

        currentRunner.CompleteJit(42, "fingerprint", Now).IsSuccess.ShouldBeTrue();
        await current.SaveChangesAsync();
        (await VersionAsync(runner.Id)).ShouldBe(1);
        await current.SaveChangesAsync(); // nothing changed, nothing written
        (await VersionAsync(runner.Id)).ShouldBe(1);
        currentRunner.ObserveAtGitHub(42, online: true, busy: false, Now.AddMinutes(1)).IsSuccess.ShouldBeTrue();
        await current.SaveChangesAsync();
        (await VersionAsync(runner.Id)).ShouldBe(2);

        // Read at version 0: its update matches no row, whatever it changes.
        staleRunner.Delete(RunnerDeletionReason.Requested, "u", Now.AddMinutes(2)).IsSuccess.ShouldBeTrue();
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
        (await VersionAsync(runner.Id)).ShouldBe(2);

        // Read again, the change applies to the row as it is now.
        await stale.Entry(staleRunner).ReloadAsync();
        staleRunner.Status.ShouldBe(RunnerStatus.Idle);
        staleRunner.Delete(RunnerDeletionReason.Requested, "u", Now.AddMinutes(2)).IsSuccess.ShouldBeTrue();
        await stale.SaveChangesAsync();
        (await VersionAsync(runner.Id)).ShouldBe(3);
        await using var read = NewContext();
        (await read.Runners.SingleAsync(r => r.Id == runner.Id)).Status.ShouldBe(RunnerStatus.Deleted);
    }

    private async Task<long> VersionAsync(Guid runnerId)
    {
        await using var db = NewContext();
        return await db.Runners.Where(r => r.Id == runnerId).Select(r => EF.Property<long>(r, "Version")).SingleAsync();
    }

    [Test]
    public async Task The_database_refuses_a_second_live_runner_with_the_same_name_in_an_organization()
    {
        var teamId = await SeedTeamAsync();
        await using (var db = NewContext())
        {
            db.Runners.Add(NewRunner(teamId, "ci-1"));
            await db.SaveChangesAsync();
        }

        await using var second = NewContext();
        second.Runners.Add(NewRunner(teamId, "ci-1"));

        await Should.ThrowAsync<DbUpdateException>(() => second.SaveChangesAsync());
    }

    [Test]
    public async Task A_deleted_runner_releases_its_name_and_other_organizations_do_not_collide()
    {
        var teamId = await SeedTeamAsync();
        var first = NewRunner(teamId, "ci-1");
        first.Delete(RunnerDeletionReason.Requested, "User", Now);
        await using var db = NewContext();
        db.Runners.Add(first);
        db.Runners.Add(NewRunner(teamId, "ci-1"));
        db.Runners.Add(NewRunner(teamId, "ci-1", organization: "globex"));

        await db.SaveChangesAsync();

        (await db.Runners.CountAsync(r => r.Name == "ci-1")).ShouldBe(3);
    }

    [TestCase("ci-1", "acme", "CI-1", "acme")]
    [TestCase("Foo-1", "acme", "foo-1", "ACME")]
    public async Task Names_collide_ignoring_case_of_the_name_and_the_organization(string firstName, string firstOrg, string secondName, string secondOrg)
    {
        var teamId = await SeedTeamAsync();
        await using (var db = NewContext())
        {
            db.Runners.Add(NewRunner(teamId, firstName, firstOrg));
            await db.SaveChangesAsync();
        }

        await using var second = NewContext();
        second.Runners.Add(NewRunner(teamId, secondName, secondOrg));

        await Should.ThrowAsync<DbUpdateException>(() => second.SaveChangesAsync());
    }

    [Test]
    public async Task Concurrent_writers_of_one_name_in_two_cases_do_not_both_win()
    {
        var teamId = await SeedTeamAsync();
        var names = new[] { "race-1", "RACE-1", "Race-1", "rAcE-1" };

        var outcomes = await Task.WhenAll(names.Select(async name =>
        {
            await using var db = NewContext();
            db.Runners.Add(NewRunner(teamId, name));
            try
            {
                await db.SaveChangesAsync();
                return true;
            }
            catch (DbUpdateException)
            {
                return false;
            }
        }));

        outcomes.Count(won => won).ShouldBe(1);
        await using var read = NewContext();
        (await read.Runners.CountAsync(r => r.LiveNameKey == "acme/race-1")).ShouldBe(1);
    }

    [Test]
    public async Task Two_live_rows_cannot_own_one_github_runner_but_a_deleted_row_lets_go()
    {
        var teamId = await SeedTeamAsync();
        var owner = NewRunner(teamId, "ci-1");
        owner.CompleteJit(42, "fp", Now);
        await using (var db = NewContext())
        {
            db.Runners.Add(owner);
            await db.SaveChangesAsync();
        }

        var squatter = NewRunner(teamId, "ci-2");
        squatter.CompleteJit(42, "fp", Now);
        await using (var second = NewContext())
        {
            second.Runners.Add(squatter);
            await Should.ThrowAsync<DbUpdateException>(() => second.SaveChangesAsync());
        }

        await using (var db = NewContext())
        {
            var stored = await db.Runners.SingleAsync(r => r.Id == owner.Id);
            stored.Delete(RunnerDeletionReason.Requested, "User", Now).IsSuccess.ShouldBeTrue();
            await db.SaveChangesAsync();
        }

        var successor = NewRunner(teamId, "ci-3");
        successor.CompleteJit(42, "fp", Now);
        var other = NewRunner(teamId, "ci-4", organization: "globex");
        other.CompleteJit(42, "fp", Now);
        await using var third = NewContext();
        third.Runners.AddRange(successor, other);
        await third.SaveChangesAsync();
    }
}
