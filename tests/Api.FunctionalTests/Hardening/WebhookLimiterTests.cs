using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Api.FunctionalTests.Webhooks;
using RunnerTokens.Application.Common.Interfaces;

namespace RunnerTokens.Api.FunctionalTests.Hardening;

/// <summary>
/// GitHub's deliveries have their own limiter (global concurrency), so anonymous traffic from the same
/// addresses cannot use up their budget; the limit itself answers 429 when every permit and queue slot is taken.
/// </summary>
public sealed class WebhookLimiterTests
{
    private const string Secret = "webhook-limiter-secret-0123456789abcdef";

    [Test]
    public async Task An_anonymous_flood_from_the_same_address_does_not_starve_webhook_deliveries()
    {
        await using var factory = Factory(new()
        {
            ["RateLimiting:TokenLimit"] = "3",
            ["RateLimiting:TokensPerPeriod"] = "1",
            ["RateLimiting:ReplenishmentPeriod"] = "01:00:00",
        });
        var anonymous = factory.CreateClient();
        var flood = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            flood.Add((await anonymous.GetAsync("/api/v1/me")).StatusCode);
        }

        flood.ShouldContain(HttpStatusCode.TooManyRequests, "the flood is limited per address");

        for (var i = 0; i < 5; i++)
        {
            var body = GitHubWebhook.WorkflowJob("queued", null, null, "acme", Random.Shared.NextInt64(1, long.MaxValue));
            var response = await GitHubWebhook.PostAsync(anonymous, body, Guid.NewGuid().ToString(), "workflow_job", GitHubWebhook.Signature(Secret, body));
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted, $"delivery {i + 1} from the flooded address");
        }
    }

    [Test]
    public async Task Deliveries_beyond_the_concurrency_limit_and_queue_get_a_429_problem()
    {
        var held = new HeldSignal();
        await using var factory = Factory(
            new()
            {
                ["RateLimiting:Webhooks:PermitLimit"] = "1",
                ["RateLimiting:Webhooks:QueueLimit"] = "0",
            },
            services => services.AddSingleton<IWebhookDeliverySignal>(held));
        var client = factory.CreateClient();
        var first = GitHubWebhook.WorkflowJob("queued", null, null, "acme", Random.Shared.NextInt64(1, long.MaxValue));
        var inFlight = Task.Run(() => GitHubWebhook.PostAsync(client, first, Guid.NewGuid().ToString(), "workflow_job", GitHubWebhook.Signature(Secret, first)));
        held.Entered.Wait(TimeSpan.FromSeconds(10)).ShouldBeTrue("the first delivery holds the only permit");

        var body = GitHubWebhook.WorkflowJob("queued", null, null, "acme", Random.Shared.NextInt64(1, long.MaxValue));
        var refused = await GitHubWebhook.PostAsync(client, body, Guid.NewGuid().ToString(), "workflow_job", GitHubWebhook.Signature(Secret, body));

        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "request.rate_limited");
        refused.Headers.RetryAfter.ShouldNotBeNull();
        held.Release.Set();
        (await inFlight).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var after = await GitHubWebhook.PostAsync(client, body, Guid.NewGuid().ToString(), "workflow_job", GitHubWebhook.Signature(Secret, body));
        after.StatusCode.ShouldBe(HttpStatusCode.Accepted, "the permit is back");
    }

    private static RunnerTokensApiFactory Factory(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        settings["GitHub:WebhookSecret"] = Secret;
        settings["Sync:Enabled"] = "false";
        settings["RateLimiting:Enabled"] = "true";
        return new RunnerTokensApiFactory(new ApiFactoryOptions { Settings = settings, ConfigureServices = services });
    }

    /// <summary>Stops the first stored delivery inside the request (it holds its permit) until released.</summary>
    private sealed class HeldSignal : IWebhookDeliverySignal
    {
        private int _calls;

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public void Notify()
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                Entered.Set();
                Release.Wait(TimeSpan.FromSeconds(30));
            }
        }
    }
}
