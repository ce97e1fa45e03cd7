using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Infrastructure.Identity;

/// <summary>
/// Single-use tokens through the database: inserting the token's key either succeeds (first use) or hits
/// the primary key (replay), which holds across replicas and providers. Uses its own DbContext so a failed
/// insert never lingers in the request's unit of work. Expired rows are purged at most every few minutes per replica.
/// </summary>
internal sealed partial class TokenReplayGuard(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TokenReplayGuard> logger)
    : ITokenReplayGuard
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(5);
    private long _nextPurgeTicks;

    public async Task<bool> TryConsumeAsync(string issuer, string tokenId, DateTimeOffset acceptableUntil, CancellationToken cancellationToken)
    {
        var key = KeyOf(issuer, tokenId);
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tokens = db.Set<ConsumedToken>();

        await PurgeExpiredIfDueAsync(tokens, now, cancellationToken);

        // The common replay is caught by a read; only a true race reaches the key conflict below.
        var seenUntil = await tokens.AsNoTracking().Where(t => t.Key == key).Select(t => (DateTimeOffset?)t.AcceptableUntil)
            .FirstOrDefaultAsync(cancellationToken);
        if (seenUntil >= now)
        {
            LogReplay(logger, issuer);
            return false;
        }

        if (seenUntil is not null)
        {
            return await TakeOverExpiredAsync(tokens, key, acceptableUntil, now, cancellationToken);
        }

        tokens.Add(new ConsumedToken(key, acceptableUntil, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var existing = await tokens.AsNoTracking().Where(t => t.Key == key).Select(t => (DateTimeOffset?)t.AcceptableUntil)
                .FirstOrDefaultAsync(cancellationToken);
            if (existing is null)
            {
                throw; // Not a key conflict: a real database failure.
            }

            if (existing.Value >= now)
            {
                LogReplay(logger, issuer);
                return false;
            }

            return await TakeOverExpiredAsync(tokens, key, acceptableUntil, now, cancellationToken);
        }
    }

    /// <summary>
    /// The old token with this id has expired (row not purged yet): the issuer reused a jti. Take the row
    /// over atomically; if a concurrent request did so first, this one is the replay.
    /// </summary>
    private static async Task<bool> TakeOverExpiredAsync(
        DbSet<ConsumedToken> tokens, string key, DateTimeOffset acceptableUntil, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var taken = await tokens.Where(t => t.Key == key && t.AcceptableUntil < now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.AcceptableUntil, acceptableUntil).SetProperty(t => t.ConsumedAt, now), cancellationToken);
        return taken == 1;
    }

    /// <summary>SHA-256 of the length-prefixed issuer and the token id: unambiguous whatever characters either holds.</summary>
    internal static string KeyOf(string issuer, string tokenId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{issuer.Length}:{issuer}{tokenId}"))));

    private async Task PurgeExpiredIfDueAsync(DbSet<ConsumedToken> tokens, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = Interlocked.Read(ref _nextPurgeTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPurgeTicks, (now + PurgeInterval).UtcTicks, due) != due)
        {
            return;
        }

        var purged = await tokens.Where(t => t.AcceptableUntil < now).ExecuteDeleteAsync(cancellationToken);
        if (purged > 0)
        {
            LogPurged(logger, purged);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a replayed single-use token from issuer {Issuer}")]
    private static partial void LogReplay(ILogger logger, string issuer);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Purged {Count} expired single-use token ids")]
    private static partial void LogPurged(ILogger logger, int count);
}
