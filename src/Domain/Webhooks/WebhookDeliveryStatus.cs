namespace RunnerTokens.Domain.Webhooks;

public enum WebhookDeliveryStatus
{
    /// <summary>Stored durably, not yet applied.</summary>
    Received,

    /// <summary>Applied to the runners it concerns.</summary>
    Applied,

    /// <summary>Nothing to do: an event or runner the service does not manage.</summary>
    Ignored,

    /// <summary>Applying it failed after every attempt; kept for inspection.</summary>
    Failed,
}
