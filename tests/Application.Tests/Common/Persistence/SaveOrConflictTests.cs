using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Persistence;
using RunnerTokens.Application.Tests.Infrastructure;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Webhooks;

namespace RunnerTokens.Application.Tests.Common.Persistence;

/// <summary><see cref="SaveOrConflict"/> against SQLite's real unique index (webhook delivery ids).</summary>
public sealed class SaveOrConflictTests : SqliteHandlerTestBase
{
    private static readonly Error Conflict = Error.Conflict("test.conflict", "Someone else was first.");

    [Test]
    public async Task A_save_that_succeeds_is_success_and_stored()
    {
        var result = await WithDbAsync(db =>
        {
            db.WebhookDeliveries.Add(Delivery("d-1"));
            return db.SaveOrConflictAsync(Conflict, CancellationToken.None);
        });

        result.IsSuccess.ShouldBeTrue();
        (await CountAsync("d-1")).ShouldBe(1);
    }

    [Test]
    public async Task A_unique_key_refusal_becomes_the_conflict_error()
    {
        await StoreAsync("d-1");

        var result = await WithDbAsync(db =>
        {
            db.WebhookDeliveries.Add(Delivery("d-1"));
            return db.SaveOrConflictAsync(Conflict, CancellationToken.None);
        });

        result.IsFailure.ShouldBeTrue();
        result.Error.ShouldBe(Conflict);
        (await CountAsync("d-1")).ShouldBe(1);
    }

    [Test]
    public async Task A_confirmed_refusal_becomes_the_conflict_error_and_the_check_sees_the_exception()
    {
        await StoreAsync("d-1");
        DbUpdateException? seen = null;

        var result = await WithDbAsync(db =>
        {
            db.WebhookDeliveries.Add(Delivery("d-1"));
            return db.SaveOrConflictAsync(
                Conflict,
                async (exception, ct) =>
                {
                    seen = exception;
                    return await db.WebhookDeliveries.AsNoTracking().AnyAsync(d => d.DeliveryId == "d-1", ct);
                },
                CancellationToken.None);
        });

        result.Error.ShouldBe(Conflict);
        seen.ShouldNotBeNull();
    }

    [Test]
    public async Task An_unconfirmed_refusal_is_rethrown()
    {
        await StoreAsync("d-1");

        await Should.ThrowAsync<DbUpdateException>(() => WithDbAsync(db =>
        {
            db.WebhookDeliveries.Add(Delivery("d-1"));
            return db.SaveOrConflictAsync(Conflict, (_, _) => Task.FromResult(false), CancellationToken.None);
        }));
    }

    [Test]
    public async Task TrySave_is_true_when_saved_and_false_when_refused()
    {
        var first = await WithDbAsync(db =>
        {
            db.WebhookDeliveries.Add(Delivery("d-1"));
            return db.TrySaveAsync(CancellationToken.None);
        });
        var second = await WithDbAsync(db =>
        {
            db.WebhookDeliveries.Add(Delivery("d-1"));
            return db.TrySaveAsync(CancellationToken.None);
        });

        first.ShouldBeTrue();
        second.ShouldBeFalse();
        (await CountAsync("d-1")).ShouldBe(1);
    }

    private WebhookDelivery Delivery(string id) => WebhookDelivery.Receive(id, "workflow_job", "queued", "{}", Clock.GetUtcNow());

    private Task StoreAsync(string id) =>
        WithDbAsync(async db =>
        {
            db.WebhookDeliveries.Add(Delivery(id));
            await db.SaveChangesAsync();
        });

    private Task<int> CountAsync(string id) => WithDbAsync(db => db.WebhookDeliveries.CountAsync(d => d.DeliveryId == id));
}
