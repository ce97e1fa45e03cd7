using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Infrastructure.Persistence;
using RunnerTokens.Infrastructure.Teams;

namespace RunnerTokens.Infrastructure.Tests.Teams;

public sealed class DatabaseLiveRunnerCounterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly AuditActor Actor = new(PrincipalKind.User, "u", "User");
    private SqliteConnection _connection = null!;

    [SetUp]
    public async Task SetUp()
    {
        _connection = new SqliteConnection("Data Source=:memory:");
        await _connection.OpenAsync();
        await using var db = NewContext();
        await db.Database.MigrateAsync();
    }

    [TearDown]
    public async Task TearDown() => await _connection.DisposeAsync();

    [Test]
    public async Task Every_runner_of_the_team_that_is_not_deleted_counts()
    {
        var teamA = Team.Create("team-a", "", "acme", Now).Value;
        var teamB = Team.Create("team-b", "", "acme", Now).Value;
        var provisioning = NewRunner(teamA.Id, "a-1");
        var pending = NewRunner(teamA.Id, "a-2");
        pending.CompleteJit(1, "fingerprint", Now);
        var deleted = NewRunner(teamA.Id, "a-3");
        deleted.Delete(RunnerDeletionReason.Requested, "User", Now);
        await using (var db = NewContext())
        {
            db.Teams.AddRange(teamA, teamB);
            db.Runners.AddRange(provisioning, pending, deleted, NewRunner(teamB.Id, "b-1"));
            await db.SaveChangesAsync();
        }

        await using var read = NewContext();
        var counter = new DatabaseLiveRunnerCounter(read);

        (await counter.CountLiveRunnersAsync(teamA.Id, CancellationToken.None)).ShouldBe(2);
        (await counter.CountLiveRunnersAsync(teamB.Id, CancellationToken.None)).ShouldBe(1);
        (await counter.CountLiveRunnersAsync(Guid.NewGuid(), CancellationToken.None)).ShouldBe(0);
    }

    private SqliteAppDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(_connection).Options);

    private static Runner NewRunner(Guid teamId, string name) =>
        Runner.Reserve(teamId, "acme", name, RunnerKind.Jit, [], ["team-a"], 1, 1, true, Actor, Now);
}
