using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Application.Tests.Infrastructure;

/// <summary>
/// Base for handler tests: a fresh SQLite in-memory database per test (one shared open connection, so
/// every scope sees the same data), a <see cref="FakeTimeProvider"/>, a caller you set per test and fakes
/// for the ports. <see cref="SendAsync{TResponse}(ICommand{TResponse})"/> runs a message through
/// <see cref="MessagePipeline"/> (validation, authorization, then the handler) in its own DI scope, like one HTTP request.
/// Override <see cref="ConfigureServices"/> to replace a port with your own fake.
/// </summary>
public abstract class SqliteHandlerTestBase
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private SqliteConnection? connection;
    private ServiceProvider? services;

    protected FakeTimeProvider Clock { get; private set; } = null!;
    protected FakeCurrentPrincipal CurrentPrincipal { get; private set; } = null!;
    protected FakeOrganizationCatalog Organizations { get; private set; } = null!;
    protected FakeLiveRunnerCounter LiveRunners { get; private set; } = null!;
    protected IServiceProvider Services => services ?? throw new InvalidOperationException("The test database is not set up.");

    [SetUp]
    public async Task SetUpDatabaseAsync()
    {
        Clock = new FakeTimeProvider(Start);
        CurrentPrincipal = new FakeCurrentPrincipal();
        Organizations = new FakeOrganizationCatalog();
        LiveRunners = new FakeLiveRunnerCounter();

        connection = new SqliteConnection("DataSource=:memory:");
        await connection.OpenAsync();

        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddMetrics();
        collection.AddApplication();
        collection.AddSingleton(Audit.TestChainKeys.Ring);
        collection.AddSingleton<TimeProvider>(Clock);
        collection.AddSingleton<ICurrentPrincipal>(CurrentPrincipal);
        collection.AddSingleton<IOrganizationCatalog>(Organizations);
        collection.AddSingleton<ILiveRunnerCounter>(LiveRunners);
        collection.AddDbContext<SqliteAppDbContext>(options => ConfigureDbContext(options.UseSqlite(connection)));
        collection.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
        collection.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
        ConfigureServices(collection);
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureCreatedAsync();
    }

    [TearDown]
    public async Task TearDownDatabaseAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>Adjust the test DbContext (for example, add an interceptor that injects a failure).</summary>
    protected virtual void ConfigureDbContext(DbContextOptionsBuilder options)
    {
    }

    /// <summary>Register fakes for further ports here; registrations made here win.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Runs a command through validation, authorization and its handler, in a new scope.</summary>
    protected Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command) => MessagePipeline.SendAsync(Services, command);

    /// <summary>Runs a query through validation, authorization and its handler, in a new scope.</summary>
    protected Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query) => MessagePipeline.SendAsync(Services, query);

    /// <summary>Reads or writes the database directly, in a new scope (seeding and assertions).</summary>
    protected async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected async Task WithDbAsync(Func<AppDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected Task<List<AuditEvent>> AuditEventsAsync(string? action = null) =>
        WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => action == null || e.Action == action)
            .OrderBy(e => e.OccurredAt)
            .ThenBy(e => e.Id)
            .ToListAsync());

    /// <summary>Every stored runner, oldest first.</summary>
    protected Task<List<Runner>> RunnersAsync() =>
        WithDbAsync(db => db.Runners.AsNoTracking().OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync());

    protected Task<Runner> RunnerAsync(Guid id) => WithDbAsync(db => db.Runners.AsNoTracking().SingleAsync(r => r.Id == id));

    /// <summary>Changes a stored runner directly (what GitHub or the sync would do).</summary>
    protected Task MarkAsync(Guid id, Action<Runner> change) =>
        WithDbAsync(async db =>
        {
            var runner = await db.Runners.SingleAsync(r => r.Id == id);
            change(runner);
            await db.SaveChangesAsync();
        });

    /// <summary>Stored security events, of one type when given.</summary>
    protected Task<List<SecurityEvent>> SecurityEventsAsync(string? type = null) =>
        WithDbAsync(db => db.SecurityEvents.AsNoTracking().Where(e => type == null || e.Type == type).ToListAsync());

    protected async Task<User> SeedUserAsync(string displayName, bool isAdmin = false, bool isActive = true)
    {
        var user = User.Register("https://issuer.test", $"sub-{Guid.NewGuid():N}", $"{displayName}@example.test", displayName, Clock.GetUtcNow()).Value;
        if (isAdmin)
        {
            user.GrantAdmin(Clock.GetUtcNow());
        }

        if (!isActive)
        {
            user.Deactivate(otherActiveAdmins: 1, Clock.GetUtcNow());
        }

        await WithDbAsync(async db =>
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        });
        return user;
    }

    protected Task AddMembershipAsync(Guid teamId, Guid userId, TeamRole role) =>
        WithDbAsync(async db =>
        {
            db.TeamMemberships.Add(TeamMembership.Create(teamId, userId, role, Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });

    /// <summary>Acts as this user, with their team access read from the database as the sign-in step would.</summary>
    protected async Task<CallerPrincipal> ActAsAsync(User user)
    {
        var access = await WithDbAsync(db => db.TeamMemberships.AsNoTracking()
            .Where(m => m.UserId == user.Id)
            .Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => new { t.Id, t.Name, m.Role })
            .ToListAsync());
        var principal = new CallerPrincipal(
            PrincipalKind.User,
            user.Id,
            user.DisplayName,
            user.IsAdmin,
            [.. access.Select(a => new TeamAccess(a.Id, a.Name, a.Role == TeamRole.Maintainer ? TeamAccessLevel.Maintainer : TeamAccessLevel.Member))]);
        CurrentPrincipal.Principal = principal;
        return principal;
    }

    /// <summary>Acts as a machine identity of this team (never admin).</summary>
    protected CallerPrincipal ActAsMachine(Guid teamId, string teamName)
    {
        var principal = new CallerPrincipal(
            PrincipalKind.Machine,
            Guid.CreateVersion7(Clock.GetUtcNow()),
            $"machine:{teamName}",
            IsAdmin: false,
            [new TeamAccess(teamId, teamName, TeamAccessLevel.Machine)]);
        CurrentPrincipal.Principal = principal;
        return principal;
    }

    protected void ActAsAnonymous() => CurrentPrincipal.Principal = null;
}
