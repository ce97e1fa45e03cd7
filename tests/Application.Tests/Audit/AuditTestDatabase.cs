using Microsoft.EntityFrameworkCore;
using Mediator;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RunnerTokens.Application.Audit.SealAuditTrail;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Metrics;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Application.Tests.Infrastructure;
using RunnerTokens.Infrastructure.Persistence;
using RunnerTokens.TestSupport;

namespace RunnerTokens.Application.Tests.Audit;

/// <summary>
/// A fresh, migrated database per test on the fixture's provider (SQLite always; PostgreSQL and SQL Server
/// when TestSupport can reach one, otherwise ignored with the reason). Every context has its own
/// connection, as two replicas would, and tests can tamper with rows in plain SQL (identifiers in double
/// quotes, which all three providers accept).
/// </summary>
public abstract class AuditTestDatabase(DatabaseProvider provider)
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private TestDatabase? _database;

    protected DatabaseProvider Provider { get; } = provider;

    protected FakeTimeProvider Clock { get; private set; } = null!;

    protected TestMeterFactory Meters { get; private set; } = null!;

    protected RunnerTokensMetrics Metrics { get; private set; } = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        Clock = new FakeTimeProvider(T0);
        Meters = new TestMeterFactory();
        Metrics = new RunnerTokensMetrics(Meters);
        _database = await TestDatabases.CreateAsync(Provider);
    }

    [TearDown]
    public async Task DeleteDatabase()
    {
        Meters.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>A new context on its own connection, configured as the service configures it.</summary>
    protected AppDbContext NewContext(params IInterceptor[] interceptors)
    {
        var connectionString = _database!.ConnectionString;
        return Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
                .UseSqlite(connectionString).AddInterceptors(interceptors).Options),
            DatabaseProvider.PostgreSql => new PostgreSqlAppDbContext(new DbContextOptionsBuilder<PostgreSqlAppDbContext>()
                .UseNpgsql(connectionString, o => o.EnableRetryOnFailure()).AddInterceptors(interceptors).Options),
            DatabaseProvider.SqlServer => new SqlServerAppDbContext(new DbContextOptionsBuilder<SqlServerAppDbContext>()
                .UseSqlServer(connectionString, o => o.EnableRetryOnFailure()).AddInterceptors(interceptors).Options),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), Provider, "Unknown provider."),
        };
    }

    /// <summary>SQL that moves an event's time 1 ms later, in the provider's dialect.</summary>
    protected string OneMillisecondLater => Provider switch
    {
        // SQLite stores (ticks / 1000) << 11 | offset minutes: +2048 per 0.1 ms.
        DatabaseProvider.Sqlite => "\"OccurredAt\" + 20480",
        DatabaseProvider.PostgreSql => "\"OccurredAt\" + interval '1 millisecond'",
        _ => "DATEADD(millisecond, 1, \"OccurredAt\")",
    };

    /// <summary>
    /// Runs a message as <paramref name="caller"/> through <see cref="MessagePipeline"/> (validation, then the
    /// handler), with the Application's services on a new context of the fixture's provider.
    /// </summary>
    protected async Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query, ICurrentPrincipal caller)
    {
        await using var services = Services(caller);
        return await MessagePipeline.SendAsync(services, query);
    }

    /// <inheritdoc cref="SendAsync{TResponse}(IQuery{TResponse}, ICurrentPrincipal)"/>
    protected async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command, ICurrentPrincipal caller)
    {
        await using var services = Services(caller);
        return await MessagePipeline.SendAsync(services, command);
    }

    private ServiceProvider Services(ICurrentPrincipal caller)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddApplication();
        services.AddSingleton(Metrics);
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(caller);
        services.AddSingleton(TestChainKeys.Ring);
        services.AddScoped(_ => NewContext());
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    protected AuditTrailSealer Sealer(AppDbContext db) =>
        new(db, TestChainKeys.Ring, Clock, Metrics, NullLogger<AuditTrailSealer>.Instance);

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
            new AuditContext("corr-" + Guid.NewGuid().ToString("N")[..8], "192.0.2.1", "tests/1.0"),
            TestChainKeys.Current);

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
