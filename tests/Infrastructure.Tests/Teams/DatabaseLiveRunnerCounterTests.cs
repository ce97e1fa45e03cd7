using Microsoft.EntityFrameworkCore;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Infrastructure.Teams;
using RunnerTokens.Infrastructure.Tests.Persistence;

namespace RunnerTokens.Infrastructure.Tests.Teams;

public sealed class DatabaseLiveRunnerCounterTests : InMemorySqliteTestBase
{
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

    [TestCase(0, 0)]
    [TestCase(2, 2)]
    [TestCase(3, 3)]
    [TestCase(10, 3)]
    public async Task The_bounded_count_stops_at_its_bound(int atMost, int expected)
    {
        var team = Team.Create("team-a", "", "acme", Now).Value;
        var deleted = NewRunner(team.Id, "a-4");
        deleted.Delete(RunnerDeletionReason.Requested, "User", Now);
        await using (var db = NewContext())
        {
            db.Teams.Add(team);
            db.Runners.AddRange(NewRunner(team.Id, "a-1"), NewRunner(team.Id, "a-2"), NewRunner(team.Id, "a-3"), deleted);
            await db.SaveChangesAsync();
        }

        await using var read = NewContext();

        (await new DatabaseLiveRunnerCounter(read).CountLiveRunnersAsync(team.Id, atMost, CancellationToken.None)).ShouldBe(expected);
    }
}
