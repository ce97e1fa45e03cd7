namespace RunnerTokens.Application.Webhooks;

/// <summary>How the service treats a job that starts on a runner whose labels violate its team's policy.</summary>
public enum EnforcementMode
{
    /// <summary>Write a high-severity security event.</summary>
    Audit,

    /// <summary>Also cancel the workflow run.</summary>
    Enforce,
}

/// <summary>Webhook settings: the secret comes from <c>GitHub:WebhookSecret</c>, the mode from <c>Webhooks:EnforcementMode</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>The shared secret GitHub signs deliveries with. Without it the endpoint is off (404).</summary>
    public string? Secret { get; set; }

    public EnforcementMode EnforcementMode { get; set; } = EnforcementMode.Audit;
}
