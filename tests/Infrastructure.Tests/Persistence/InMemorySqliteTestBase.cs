using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Infrastructure.Tests.Persistence;

/// <summary>A migrated in-memory SQLite database that every context of the test shares, and runners to put in it.</summary>
public abstract class InMemorySqliteTestBase
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    protected static readonly AuditActor Actor = new(PrincipalKind.User, "u", "User");
    private SqliteConnection _connection = null!;

    [SetUp]
    public async Task OpenDatabaseAsync()
    {
        _connection = new SqliteConnection("Data Source=:memory:");
        await _connection.OpenAsync();
        await using var db = NewContext();
        await db.Database.MigrateAsync();
    }

    [TearDown]
    public async Task CloseDatabaseAsync() => await _connection.DisposeAsync();

    protected SqliteAppDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(_connection).Options);

    /// <summary>A JIT runner of organization "acme" labelled <c>team-a</c>, just reserved.</summary>
    protected static Runner NewRunner(Guid teamId, string name) =>
        Runner.Reserve(teamId, "acme", name, RunnerKind.Jit, [], ["team-a"], 1, 1, true, Actor, Now);
}
