using System.Security.Cryptography;
using System.Text;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Domain.Webhooks;

/// <summary>
/// A GitHub webhook delivery, stored before it is acknowledged so nothing is lost, and unique on GitHub's
/// delivery id so a redelivery is never applied twice, and unique on the body's SHA-256 so the same body sent
/// again under a new delivery id (a replay) is never applied twice either.
/// </summary>
public sealed class WebhookDelivery : Entity
{
    public const int MaxAttempts = 5;

    private WebhookDelivery(Guid id) : base(id) { }

    /// <summary>GitHub's <c>X-GitHub-Delivery</c> GUID.</summary>
    public string DeliveryId { get; private set; } = string.Empty;
    public string Event { get; private set; } = string.Empty;
    public string? Action { get; private set; }
    public string Payload { get; private set; } = string.Empty;

    /// <summary>Lower-case hex SHA-256 of <see cref="Payload"/>; null only on rows stored before it existed.</summary>
    public string? PayloadSha256 { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public WebhookDeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset? ProcessedAt { get; private set; }
    public string? Outcome { get; private set; }

    public static WebhookDelivery Receive(string deliveryId, string @event, string? action, string payload, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now))
        {
            DeliveryId = deliveryId,
            Event = @event,
            Action = action,
            Payload = payload,
            PayloadSha256 = HashOf(payload),
            ReceivedAt = now,
            Status = WebhookDeliveryStatus.Received,
        };

    /// <summary>The body fingerprint a replay of <paramref name="payload"/> would carry.</summary>
    public static string HashOf(string payload) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload)));

    public void MarkApplied(string outcome, DateTimeOffset now) => Finish(WebhookDeliveryStatus.Applied, outcome, now);

    public void MarkIgnored(string reason, DateTimeOffset now) => Finish(WebhookDeliveryStatus.Ignored, reason, now);

    /// <summary>Counts a failed attempt; after <see cref="MaxAttempts"/> the delivery is parked as failed.</summary>
    public void RecordFailedAttempt(string error, DateTimeOffset now)
    {
        Attempts++;
        Outcome = error.Length > 500 ? error[..500] : error;
        if (Attempts >= MaxAttempts)
        {
            Status = WebhookDeliveryStatus.Failed;
            ProcessedAt = now;
        }
    }

    private void Finish(WebhookDeliveryStatus status, string outcome, DateTimeOffset now)
    {
        Attempts++;
        Status = status;
        Outcome = outcome;
        ProcessedAt = now;
    }
}
