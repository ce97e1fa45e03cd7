namespace RunnerTokens.Api.Contracts.Webhooks;

/// <param name="Duplicate">True when the delivery was received before and is not applied again.</param>
public sealed record WebhookReceiptResponse(string DeliveryId, bool Duplicate);
