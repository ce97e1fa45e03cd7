using System.Net;
using System.Text;
using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Api.FunctionalTests.Webhooks;

/// <summary>Without <c>GitHub:WebhookSecret</c> the webhook endpoint does not exist for callers (404 problem).</summary>
public sealed class GitHubWebhookDisabledTests : FunctionalTestBase
{
    [Test]
    public async Task Without_a_configured_secret_the_endpoint_answers_404()
    {
        var body = Encoding.UTF8.GetBytes("""{"action":"queued"}""");

        var response = await GitHubWebhook.PostAsync(Anonymous(), body, Guid.NewGuid().ToString(), "workflow_job",
            GitHubWebhook.Signature("any-secret", body));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "webhooks.disabled");
        (await Factory.WithDbAsync(db => Task.FromResult(db.WebhookDeliveries.Count()))).ShouldBe(0);
    }
}
