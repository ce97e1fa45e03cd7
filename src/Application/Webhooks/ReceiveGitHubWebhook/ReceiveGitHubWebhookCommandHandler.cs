using System.Text;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Persistence;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Webhooks;

namespace RunnerTokens.Application.Webhooks.ReceiveGitHubWebhook;

/// <summary>
/// Verifies and stores a delivery, then returns at once: applying it happens in the background, so GitHub
/// gets its answer in milliseconds and nothing is lost if applying fails.
/// </summary>
public sealed class ReceiveGitHubWebhookCommandHandler(
    IAppDbContext db,
    IOptions<WebhookOptions> options,
    IAuditLog audit,
    SecurityEventThrottle throttle,
    IWebhookDeliverySignal signal,
    TimeProvider clock) : ICommandHandler<ReceiveGitHubWebhookCommand, Result<WebhookReceipt>>
{
    private static readonly TimeSpan BadSignatureEventWindow = TimeSpan.FromMinutes(1);

    public async ValueTask<Result<WebhookReceipt>> Handle(ReceiveGitHubWebhookCommand command, CancellationToken cancellationToken)
    {
        var secret = options.Value.Secret;
        if (string.IsNullOrEmpty(secret))
        {
            return WebhookErrors.Disabled;
        }

        if (!WebhookSignature.IsValid(secret, command.Body.Span, command.Signature))
        {
            await RecordBadSignatureAsync(command, cancellationToken);
            return WebhookErrors.InvalidSignature;
        }

        if (string.IsNullOrWhiteSpace(command.DeliveryId) || command.DeliveryId.Length > 100
            || string.IsNullOrWhiteSpace(command.Event) || command.Event.Length > 100)
        {
            return WebhookErrors.MissingHeaders;
        }

        if (!TryReadAction(command.Body, out var action))
        {
            return WebhookErrors.InvalidPayload;
        }

        var deliveryId = command.DeliveryId!;
        var payload = Encoding.UTF8.GetString(command.Body.Span);
        // A replay is the same body under any delivery id: the signature stays valid, so the body is the key.
        var payloadSha256 = WebhookDelivery.HashOf(payload);
        if (await db.WebhookDeliveries.AnyAsync(d => d.DeliveryId == deliveryId || d.PayloadSha256 == payloadSha256, cancellationToken))
        {
            return new WebhookReceipt(deliveryId, Duplicate: true);
        }

        db.WebhookDeliveries.Add(WebhookDelivery.Receive(deliveryId, command.Event!, action, payload, clock.GetUtcNow()));
        // The same delivery may race in on another request or replica: stored once is all that matters.
        if (!await db.TrySaveAsync(
                (_, ct) => db.WebhookDeliveries.AsNoTracking().AnyAsync(d => d.DeliveryId == deliveryId || d.PayloadSha256 == payloadSha256, ct),
                cancellationToken))
        {
            return new WebhookReceipt(deliveryId, Duplicate: true);
        }

        signal.Notify();
        return new WebhookReceipt(deliveryId, Duplicate: false);
    }

    private async Task RecordBadSignatureAsync(ReceiveGitHubWebhookCommand command, CancellationToken cancellationToken)
    {
        // One key for all sources: an attacker choosing source addresses (IPv6) must not choose the number of rows.
        if (!throttle.ShouldRecord("webhook-signature", BadSignatureEventWindow))
        {
            return;
        }

        audit.RecordSecurity(new SecurityEntry(
            "webhook.invalid_signature",
            SecuritySeverity.Medium,
            Details: new { deliveryId = command.DeliveryId, @event = command.Event, signaturePresent = !string.IsNullOrEmpty(command.Signature) },
            Actor: AuditActor.Anonymous));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static bool TryReadAction(ReadOnlyMemory<byte> body, out string? action)
    {
        action = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (document.RootElement.TryGetProperty("action", out var value) && value.ValueKind == JsonValueKind.String)
            {
                action = value.GetString();
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
