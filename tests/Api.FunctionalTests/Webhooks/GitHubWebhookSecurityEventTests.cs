using System.Net;
using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Api.FunctionalTests.Webhooks;

/// <summary>
/// A delivery with a bad signature leaves a <c>webhook.invalid_signature</c> security event. Its own API:
/// such events are throttled per source and minute, so no other bad delivery may come first.
/// </summary>
public sealed class GitHubWebhookSecurityEventTests : FunctionalTestBase
{
    private const string Secret = "It's a Secret to Everybody, 32 characters at least";
    private SeededUser _admin = null!;

    protected override ApiFactoryOptions FactoryOptions => new()
    {
        Settings = new Dictionary<string, string?> { ["GitHub:WebhookSecret"] = Secret, ["Sync:Enabled"] = "false" },
    };

    [OneTimeSetUp]
    public async Task Seed() => _admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);

    [Test]
    public async Task A_bad_signature_is_a_401_problem_and_a_security_event()
    {
        var deliveryId = Guid.NewGuid().ToString();
        var body = GitHubWebhook.WorkflowJob("queued", null, null, "acme", 2832853555);
        var forged = GitHubWebhook.Signature("not-the-secret", body);

        var response = await GitHubWebhook.PostAsync(Anonymous(), body, deliveryId, "workflow_job", forged);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "webhooks.invalid_signature");
        (await Factory.WithDbAsync(db => Task.FromResult(db.WebhookDeliveries.Count(d => d.DeliveryId == deliveryId)))).ShouldBe(0, "an unsigned delivery is never stored");
        var events = await (await ClientFor(_admin).GetAsync("/api/v1/security-events?type=webhook.invalid_signature"))
            .ShouldBeJsonAsync();
        var recorded = events.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("details").GetProperty("deliveryId").GetString() == deliveryId)
            .ShouldHaveSingleItem();
        recorded.GetProperty("type").GetString().ShouldBe("webhook.invalid_signature");
        recorded.GetProperty("details").GetProperty("signaturePresent").GetBoolean().ShouldBeTrue();
    }
}
