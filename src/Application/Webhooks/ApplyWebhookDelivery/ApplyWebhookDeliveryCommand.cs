using Mediator;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Webhooks.ApplyWebhookDelivery;

/// <summary>Applies one stored delivery. Safe to repeat: an already processed delivery is left alone.</summary>
public sealed record ApplyWebhookDeliveryCommand(Guid DeliveryRowId) : ICommand<Result<string>>;
