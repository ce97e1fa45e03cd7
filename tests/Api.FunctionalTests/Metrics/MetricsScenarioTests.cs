using System.Net;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Api.FunctionalTests.Webhooks;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.Metrics;

/// <summary>
/// Issue 6, acceptance 4: after a JIT runner is provisioned, a signed <c>workflow_job</c> in_progress webhook
/// is applied to it and an admin runs the sync, <c>GET /metrics</c> (Prometheus text) exports every
/// RunnerTokens metric under its Prometheus name (dots become underscores, counters end in <c>_total</c>,
/// durations in seconds end in <c>_seconds</c>).
/// </summary>
public sealed class MetricsScenarioTests : FunctionalTestBase
{
    private const string Secret = "metrics-scenario-secret-of-32-characters";

    /// <summary>Instrument name -> exported metric family and its Prometheus type.</summary>
    private static readonly (string Instrument, string Family, string Type)[] Expected =
    [
        ("runnertokens.runner.provisioning", "runnertokens_runner_provisioning_total", "counter"),
        ("runnertokens.webhook.deliveries", "runnertokens_webhook_deliveries_total", "counter"),
        ("runnertokens.job.queue_time", "runnertokens_job_queue_time_seconds", "histogram"),
        ("runnertokens.sync.duration", "runnertokens_sync_duration_seconds", "histogram"),
        ("runnertokens.sync.runs", "runnertokens_sync_runs_total", "counter"),
        ("runnertokens.runners", "runnertokens_runners", "gauge"),
        ("runnertokens.github.calls", "runnertokens_github_calls_total", "counter"),
        ("runnertokens.github.ratelimit.remaining", "runnertokens_github_ratelimit_remaining", "gauge"),
    ];

    private SeededUser _admin = null!;
    private SeededUser _member = null!;
    private Team _team = null!;

    protected override ApiFactoryOptions FactoryOptions => new()
    {
        Settings = new Dictionary<string, string?> { ["GitHub:WebhookSecret"] = Secret, ["Sync:Enabled"] = "false" },
    };

    [OneTimeSetUp]
    public async Task Seed()
    {
        _admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        _member = await Factory.SeedUserAsync(Unique("member"));
        _team = await Factory.SeedTeamAsync(Unique("metrics"), policy: RunnerPolling.Policy);
        await Factory.AddMemberAsync(_team, _member);
    }

    [Test]
    public async Task Provisioning_a_webhook_and_a_sync_show_every_runnertokens_metric_on_the_scrape_endpoint()
    {
        var member = ClientFor(_member);
        var runner = await RunnerPolling.ProvisionJitAsync(member, _team.Name);
        var body = GitHubWebhook.WorkflowJob("in_progress", runner.GitHubRunnerId, runner.Name, runner.Organization, 4242);
        (await GitHubWebhook.PostAsync(Anonymous(), body, Guid.NewGuid().ToString(), "workflow_job", GitHubWebhook.Signature(Secret, body)))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await RunnerPolling.WaitForRunnerAsync(member, runner.Id, d => d.Status == RunnerStatus.Busy))
            .Status.ShouldBe(RunnerStatus.Busy);
        (await ClientFor(_admin).PostAsync("/api/v1/admin/sync", content: null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The delivery counter is added just after the runner change is saved, and the exporter caches a
        // scrape briefly: read until every family is there, at most 10 s, then assert on the last scrape.
        var scrape = await ScrapeUntilAsync(text => Expected.All(e => HasFamily(text, e.Family, e.Type)));

        foreach (var (instrument, family, type) in Expected)
        {
            HasFamily(scrape, family, type).ShouldBeTrue($"{instrument} should be exported as '# TYPE {family} {type}'. Scrape:\n{scrape}");
        }

        // The samples this scenario produced, with their labels.
        SampleLines(scrape, "runnertokens_runner_provisioning_total")
            .ShouldContain(l => l.Contains("outcome=\"succeeded\"", StringComparison.Ordinal), scrape);
        SampleLines(scrape, "runnertokens_webhook_deliveries_total")
            .ShouldContain(l => l.Contains("event=\"workflow_job\"", StringComparison.Ordinal) && l.Contains("outcome=\"applied\"", StringComparison.Ordinal), scrape);
        SampleLines(scrape, "runnertokens_job_queue_time_seconds_count")
            .ShouldContain(l => l.Contains($"organization=\"{_team.Organization}\"", StringComparison.Ordinal), scrape);
        SampleLines(scrape, "runnertokens_sync_duration_seconds_count")
            .ShouldContain(l => l.Contains($"organization=\"{_team.Organization}\"", StringComparison.Ordinal), scrape);
        SampleLines(scrape, "runnertokens_sync_runs_total")
            .ShouldContain(l => l.Contains($"organization=\"{_team.Organization}\"", StringComparison.Ordinal), scrape);
        SampleLines(scrape, "runnertokens_runners")
            .ShouldContain(l => l.Contains($"team=\"{_team.Name}\"", StringComparison.Ordinal), scrape);
        SampleLines(scrape, "runnertokens_github_calls_total").ShouldNotBeEmpty(scrape);
        SampleLines(scrape, "runnertokens_github_ratelimit_remaining").ShouldNotBeEmpty(scrape);
    }

    private async Task<string> ScrapeUntilAsync(Func<string, bool> complete)
    {
        var client = Anonymous();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await client.GetAsync("/metrics");
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
            if (complete(text) || DateTime.UtcNow >= deadline)
            {
                return text;
            }

            await Task.Delay(200);
        }
    }

    private static bool HasFamily(string scrape, string family, string type) =>
        scrape.Split('\n').Any(l => l.TrimEnd() == $"# TYPE {family} {type}");

    private static List<string> SampleLines(string scrape, string name) =>
        [.. scrape.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))];
}
