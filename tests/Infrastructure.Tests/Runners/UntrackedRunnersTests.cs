using Microsoft.EntityFrameworkCore;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Infrastructure.Persistence.Configurations;
using RunnerTokens.Infrastructure.Runners;
using RunnerTokens.Infrastructure.Tests.Persistence;

namespace RunnerTokens.Infrastructure.Tests.Runners;

public sealed class UntrackedRunnersTests : InMemorySqliteTestBase
{
    private Team _team = null!;

    [SetUp]
    public async Task SeedAsync()
    {
        await using var db = NewContext();
        _team = Team.Create("team-a", "", "acme", Now).Value;
        db.Teams.Add(_team);
        db.Runners.AddRange(NewRunner("a-1"), NewRunner("a-2"), NewRunner("a-3"));
        await db.SaveChangesAsync();
    }

    [Test]
    public async Task Runners_are_read_untracked_and_one_tracked_is_saved_over_the_version_read()
    {
        await using (var earlier = NewContext())
        {
            (await earlier.Runners.SingleAsync(r => r.Name == "a-2")).CompleteJit(42, "fingerprint", Now);
            await earlier.SaveChangesAsync(); // a-2 is a version ahead of the others now
        }

        await using var db = NewContext();
        var untracked = new UntrackedRunners(db);
        var runners = await untracked.ReadAsync(r => r.TeamId == _team.Id, CancellationToken.None);
        runners.Count.ShouldBe(3);
        db.ChangeTracker.Entries().ShouldBeEmpty();

        var runner = untracked.Track(runners.Single(r => r.Name == "a-2"));
        db.Entry(runner).State.ShouldBe(EntityState.Unchanged);
        runner.ObserveAtGitHub(42, online: true, busy: false, Now).IsSuccess.ShouldBeTrue();
        await db.SaveChangesAsync();

        await using var check = NewContext();
        var saved = await check.Runners.SingleAsync(r => r.Name == "a-2");
        saved.Status.ShouldBe(RunnerStatus.Idle);
        check.Entry(saved).Property<long>(RunnerConfiguration.Version).CurrentValue.ShouldBe(await VersionAsync("a-1") + 2);
    }

    [Test]
    public async Task A_runner_tracked_unchanged_writes_nothing()
    {
        await using var db = NewContext();
        var untracked = new UntrackedRunners(db);
        var runner = (await untracked.ReadAsync(r => r.Name == "a-1", CancellationToken.None)).Single();

        untracked.Track(runner);

        (await db.SaveChangesAsync()).ShouldBe(0);
    }

    [Test]
    public async Task A_runner_changed_since_it_was_read_is_not_overwritten()
    {
        await using var db = NewContext();
        var untracked = new UntrackedRunners(db);
        var runner = (await untracked.ReadAsync(r => r.Name == "a-1", CancellationToken.None)).Single();
        await using (var other = NewContext())
        {
            (await other.Runners.SingleAsync(r => r.Name == "a-1")).Delete(RunnerDeletionReason.Requested, "User", Now).IsSuccess.ShouldBeTrue();
            await other.SaveChangesAsync();
        }

        untracked.Track(runner).CompleteJit(42, "fingerprint", Now);

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
    }

    [Test]
    public async Task Only_a_runner_it_read_can_be_tracked()
    {
        await using var db = NewContext();

        Should.Throw<InvalidOperationException>(() => new UntrackedRunners(db).Track(NewRunner("a-9")));
    }

    private async Task<long> VersionAsync(string name)
    {
        await using var db = NewContext();
        var runner = await db.Runners.SingleAsync(r => r.Name == name);
        return db.Entry(runner).Property<long>(RunnerConfiguration.Version).CurrentValue;
    }

    private Runner NewRunner(string name) => NewRunner(_team.Id, name);
}
