using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RunnerTokens.Application.Audit.SealAuditTrail;
using RunnerTokens.Application.Common.Metrics;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Application.Tests.Audit;

/// <summary>
/// A migrated SQLite file per test (a file, not memory, so that two contexts can use two connections, as
/// two replicas would, and tests can tamper with rows in plain SQL).
/// </summary>
public abstract class AuditTestDatabase
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private string _path = null!;

    protected FakeTimeProvider Clock { get; private set; } = null!;

    protected TestMeterFactory Meters { get; private set; } = null!;

    protected RunnerTokensMetrics Metrics { get; private set; } = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _path = Path.Combine(Path.GetTempPath(), $"audit-{Guid.NewGuid():N}.db");
        Clock = new FakeTimeProvider(T0);
        Meters = new TestMeterFactory();
        Metrics = new RunnerTokensMetrics(Meters);
        await using var db = NewContext();
        await db.Database.MigrateAsync();
    }

    [TearDown]
    public void DeleteDatabase()
    {
        Meters.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    /// <summary>A new context on its own connection.</summary>
    protected SqliteAppDbContext NewContext(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={_path};Default Timeout=30")
            .AddInterceptors(interceptors)
            .Options);

    protected AuditTrailSealer Sealer(SqliteAppDbContext db) =>
        new(db, Clock, Metrics, NullLogger<AuditTrailSealer>.Instance);

    /// <summary>Runs SQL on a connection of its own, as someone with direct database access would.</summary>
    protected async Task<int> TamperAsync(string sql, params object[] parameters)
    {
        await using var db = NewContext();
        return await db.Database.ExecuteSqlRawAsync(sql, parameters);
    }

    protected static AuditEvent NewEvent(
        DateTimeOffset at,
        string action = "user.updated",
        string actorId = "actor-1",
        string targetType = "user",
        string targetId = "target-1",
        Guid? teamId = null,
        AuditOutcome outcome = AuditOutcome.Succeeded,
        string details = "{}") =>
        AuditEvent.Record(
            at,
            new AuditActor(PrincipalKind.User, actorId, $"Actor {actorId}"),
            action,
            targetType,
            targetId,
            teamId,
            outcome,
            details,
            new AuditContext("corr-" + Guid.NewGuid().ToString("N")[..8], "192.0.2.1", "tests/1.0"));

    /// <summary>Inserts events in one transaction, unsealed, as request handlers do.</summary>
    protected async Task<List<AuditEvent>> InsertAsync(IEnumerable<AuditEvent> events)
    {
        var list = events.ToList();
        await using var db = NewContext();
        db.AuditEvents.AddRange(list);
        await db.SaveChangesAsync();
        return list;
    }

    protected async Task<List<AuditEvent>> InsertAsync(int count, Func<int, DateTimeOffset>? at = null) =>
        await InsertAsync(Enumerable.Range(0, count).Select(i => NewEvent(at?.Invoke(i) ?? T0.AddSeconds(i), targetId: $"target-{i}")));

    /// <summary>Every event, in chain order (unsealed last).</summary>
    protected async Task<List<AuditEvent>> AllEventsAsync()
    {
        await using var db = NewContext();
        return (await db.AuditEvents.AsNoTracking().ToListAsync())
            .OrderBy(e => e.Sequence ?? long.MaxValue)
            .ThenBy(e => e.OccurredAt)
            .ToList();
    }
}
