using Mediator;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Webhooks.ReceiveGitHubWebhook;

/// <param name="Body">The raw body exactly as received: the signature is over these bytes.</param>
public sealed record ReceiveGitHubWebhookCommand(string? DeliveryId, string? Event, string? Signature, ReadOnlyMemory<byte> Body)
    : ICommand<Result<WebhookReceipt>>;

/// <param name="Duplicate">True when this delivery id was received before; it is not applied again.</param>
public sealed record WebhookReceipt(string DeliveryId, bool Duplicate);
