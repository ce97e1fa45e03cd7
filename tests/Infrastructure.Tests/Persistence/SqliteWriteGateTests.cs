using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Infrastructure.Persistence;
using RunnerTokens.TestSupport;

namespace RunnerTokens.Infrastructure.Tests.Persistence;

/// <summary>
/// SQLite writers of one process queue on the gate (asynchronously) instead of in Microsoft.Data.Sqlite's
/// 150 ms busy sleep, and the gate is given back however a transaction ends: commit, rollback, or a dispose without
/// either. A transaction that kept the gate would make the next writer wait the gate's maximum wait (here a minute),
/// so every write here must finish within <see cref="Prompt"/>.
/// </summary>
public sealed class SqliteWriteGateTests
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);
    private TestDatabase _database = null!;
    private SqliteWriteGate _gate = null!;

    [SetUp]
    public async Task SetUp()
    {
        _database = await TestDatabases.CreateAsync(DatabaseProvider.Sqlite);
        _gate = new SqliteWriteGate(TimeSpan.FromMinutes(1));
    }

    [TearDown]
    public async Task TearDown() => await _database.DisposeAsync();

    [Test]
    public async Task A_second_writer_waits_for_the_first_to_commit_without_blocking_a_thread()
    {
        await using var first = NewContext();
        await using var second = NewContext();
        await using var holding = await first.Database.BeginTransactionAsync();

        var waiting = second.Database.BeginTransactionAsync();
        await Task.Delay(300);
        waiting.IsCompleted.ShouldBeFalse("the second writer must wait for the gate");

        await holding.CommitAsync();
        await using var next = await waiting.WaitAsync(Prompt);
        await next.CommitAsync();
    }

    [Test]
    public async Task Rollback_gives_the_gate_back()
    {
        await using (var db = NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await transaction.RollbackAsync();
        }

        await WriteAsync();
    }

    [Test]
    public async Task A_transaction_disposed_without_commit_or_rollback_gives_the_gate_back()
    {
        await using (var db = NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
        }

        await WriteAsync();
    }

    [Test]
    public async Task A_transaction_that_ended_without_any_event_is_noticed_by_the_next_writer()
    {
        await using var db = NewContext();
        await db.Database.OpenConnectionAsync(); // opened by the caller: EF does not close it, so no close event either
        var transaction = await db.Database.BeginTransactionAsync();
        await transaction.GetDbTransaction().DisposeAsync(); // rolled back under EF's feet: no EF event at all

        await WriteAsync();
    }

    [Test]
    public async Task A_save_changes_transaction_gives_the_gate_back_and_its_writes_land()
    {
        await WriteAsync();
        await WriteAsync();

        await using var db = NewContext();
        (await db.Teams.CountAsync()).ShouldBe(4);
    }

    [Test]
    public async Task Many_concurrent_writers_all_commit()
    {
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(WriteTwoTeamsAsync))).WaitAsync(TimeSpan.FromSeconds(30));

        await using var db = NewContext();
        (await db.Teams.CountAsync()).ShouldBe(32);
    }

    private Task WriteAsync() => WriteTwoTeamsAsync().WaitAsync(Prompt);

    private async Task WriteTwoTeamsAsync()
    {
        await using var db = NewContext();
        // Two rows, so EF wraps them in a transaction (a single statement runs without one).
        db.Teams.Add(Team.Create($"t-{Guid.NewGuid():N}"[..20], "", "acme", DateTimeOffset.UtcNow).Value);
        db.Teams.Add(Team.Create($"u-{Guid.NewGuid():N}"[..20], "", "acme", DateTimeOffset.UtcNow).Value);
        await db.SaveChangesAsync();
    }

    private SqliteAppDbContext NewContext() => new(new DbContextOptionsBuilder<SqliteAppDbContext>()
        .UseSqlite(_database.ConnectionString)
        .AddInterceptors(_gate)
        .Options);
}
