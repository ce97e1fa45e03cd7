namespace RunnerTokens.Application.Common.Interfaces;

/// <summary>Wakes the webhook processor after a delivery is stored, so it is applied in milliseconds, not at the next poll.</summary>
public interface IWebhookDeliverySignal
{
    void Notify();
}
