using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RunnerTokens.Infrastructure.Identity;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Infrastructure.Tests.Identity;

/// <summary>The single-use token store on SQLite (the PostgreSQL run is in the API functional tests).</summary>
public sealed class TokenReplayGuardTests
{
    private const string Issuer = "https://issuer.example";
    private SqliteConnection _connection = null!;
    private ServiceProvider _services = null!;
    private FakeTimeProvider _clock = null!;
    private TokenReplayGuard _guard = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _connection = new SqliteConnection("Data Source=:memory:");
        await _connection.OpenAsync();
        var services = new ServiceCollection();
        services.AddDbContext<SqliteAppDbContext>(o => o.UseSqlite(_connection));
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
        _services = services.BuildServiceProvider();
        await using (var scope = _services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureCreatedAsync();
        }

        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        _guard = new TokenReplayGuard(_services.GetRequiredService<IServiceScopeFactory>(), _clock, NullLogger<TokenReplayGuard>.Instance);
    }

    [TearDown]
    public async Task DropDatabase()
    {
        await _services.DisposeAsync();
        await _connection.DisposeAsync();
    }

    [Test]
    public async Task A_token_id_is_accepted_once_until_it_expires()
    {
        var until = _clock.GetUtcNow().AddMinutes(5);

        (await _guard.TryConsumeAsync(Issuer, "jti-1", until, CancellationToken.None)).ShouldBeTrue();
        (await _guard.TryConsumeAsync(Issuer, "jti-1", until, CancellationToken.None)).ShouldBeFalse();
        _clock.Advance(TimeSpan.FromMinutes(4));
        (await _guard.TryConsumeAsync(Issuer, "jti-1", until, CancellationToken.None)).ShouldBeFalse();
    }

    [Test]
    public async Task The_same_token_id_from_another_issuer_is_another_token()
    {
        var until = _clock.GetUtcNow().AddMinutes(5);

        (await _guard.TryConsumeAsync(Issuer, "jti-1", until, CancellationToken.None)).ShouldBeTrue();
        (await _guard.TryConsumeAsync("https://other.example", "jti-1", until, CancellationToken.None)).ShouldBeTrue();
    }

    [Test]
    public async Task A_token_id_reused_by_the_issuer_after_the_first_token_expired_is_accepted_once_more()
    {
        (await _guard.TryConsumeAsync(Issuer, "jti-1", _clock.GetUtcNow().AddMinutes(1), CancellationToken.None)).ShouldBeTrue();
        _clock.Advance(TimeSpan.FromMinutes(2));

        (await _guard.TryConsumeAsync(Issuer, "jti-1", _clock.GetUtcNow().AddMinutes(5), CancellationToken.None)).ShouldBeTrue();
        (await _guard.TryConsumeAsync(Issuer, "jti-1", _clock.GetUtcNow().AddMinutes(5), CancellationToken.None)).ShouldBeFalse();
    }

    [Test]
    public async Task Expired_rows_are_purged_opportunistically_and_never_the_live_ones()
    {
        (await _guard.TryConsumeAsync(Issuer, "old", _clock.GetUtcNow().AddMinutes(1), CancellationToken.None)).ShouldBeTrue();
        (await _guard.TryConsumeAsync(Issuer, "live", _clock.GetUtcNow().AddHours(1), CancellationToken.None)).ShouldBeTrue();
        _clock.Advance(TimeSpan.FromMinutes(10));

        (await _guard.TryConsumeAsync(Issuer, "new", _clock.GetUtcNow().AddMinutes(5), CancellationToken.None)).ShouldBeTrue();

        await using var scope = _services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<ConsumedToken>().Select(t => t.Key).ToListAsync();
        keys.ShouldBe([TokenReplayGuard.KeyOf(Issuer, "live"), TokenReplayGuard.KeyOf(Issuer, "new")], ignoreOrder: true);
        (await _guard.TryConsumeAsync(Issuer, "live", _clock.GetUtcNow().AddHours(1), CancellationToken.None)).ShouldBeFalse();
    }

    [Test]
    public void Keys_are_fixed_size_hashes_that_do_not_contain_the_token_id()
    {
        var key = TokenReplayGuard.KeyOf(Issuer, "my-token-id");

        key.Length.ShouldBe(64);
        key.ShouldNotContain("my-token-id");
        TokenReplayGuard.KeyOf(Issuer, "a\nb").ShouldNotBe(TokenReplayGuard.KeyOf(Issuer + "\na", "b"), "issuer and id are separated");
    }
}
