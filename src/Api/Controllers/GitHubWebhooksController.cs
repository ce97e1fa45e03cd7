using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Application.Webhooks.ReceiveGitHubWebhook;

namespace RunnerTokens.Api.Controllers;

/// <summary>GitHub's webhook deliveries. Authenticated by the HMAC signature, not by a bearer token.</summary>
[Route("api/v1/webhooks/github")]
[AllowAnonymous]
public sealed class GitHubWebhooksController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Verifies, stores and acknowledges a delivery; it is applied in the background.</summary>
    [HttpPost]
    [Consumes("application/json")]
    [ProducesResponseType<WebhookReceipt>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<WebhookReceipt>(StatusCodes.Status200OK)]
    [ProducesProblems(404)]
    public async Task<IActionResult> Receive(
        [FromHeader(Name = "X-GitHub-Delivery")] string? deliveryId,
        [FromHeader(Name = "X-GitHub-Event")] string? @event,
        [FromHeader(Name = "X-Hub-Signature-256")] string? signature,
        CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await Request.Body.CopyToAsync(buffer, cancellationToken);
        var result = await Sender.Send(
            new ReceiveGitHubWebhookCommand(deliveryId, @event, signature, buffer.GetBuffer().AsMemory(0, (int)buffer.Length)),
            cancellationToken);
        if (result.IsFailure)
        {
            return Problem(result.Error);
        }

        return result.Value.Duplicate ? Ok(result.Value) : Accepted(result.Value);
    }
}
