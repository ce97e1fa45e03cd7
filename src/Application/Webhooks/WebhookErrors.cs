using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Webhooks;

public static class WebhookErrors
{
    public static readonly Error Disabled =
        Error.NotFound("webhooks.disabled", "Webhooks are not enabled on this service.");

    public static readonly Error InvalidSignature =
        Error.Unauthenticated("webhooks.invalid_signature", "The X-Hub-Signature-256 header does not match the body.");

    public static readonly Error MissingHeaders =
        Error.Validation("webhooks.missing_headers", "X-GitHub-Delivery and X-GitHub-Event are required (at most 100 characters).");

    public static readonly Error InvalidPayload =
        Error.Validation("webhooks.invalid_payload", "The body is not a JSON object.");
}
