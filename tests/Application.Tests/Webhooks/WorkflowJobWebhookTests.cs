using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Metrics;
using RunnerTokens.Application.Tests.Sync;
using RunnerTokens.Application.Webhooks;
using RunnerTokens.Application.Webhooks.ApplyWebhookDelivery;
using RunnerTokens.Application.Webhooks.ReceiveGitHubWebhook;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Webhooks;

namespace RunnerTokens.Application.Tests.Webhooks;

/// <summary>Receive (signature, durable store, replay) then apply, on GitHub's example workflow_job payloads.</summary>
public sealed class WorkflowJobWebhookTests : SyncTestBase
{
    private const string Secret = "It's a Secret to Everybody";
    private readonly WebhookOptions _webhookOptions = new() { Secret = Secret };

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton(Options.Create(_webhookOptions));
        services.AddSingleton<IWebhookDeliverySignal, NoSignal>();
    }

    [Test]
    public async Task A_validly_signed_delivery_is_stored_then_applied_in_progress_makes_the_runner_busy_and_records_the_job()
    {
        var runner = await OnlineRunnerAsync("ci-1", ephemeral: false);
        using var queueTimes = new QueueTimeListener();

        var receipt = await ReceiveAsync("d-1", "in_progress", runner);

        receipt.IsSuccess.ShouldBeTrue();
        receipt.Value.Duplicate.ShouldBeFalse();
        var stored = await WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync());
        stored.Status.ShouldBe(WebhookDeliveryStatus.Received);

        await ApplyAsync(stored.Id);

        (await RunnerAsync(runner.Id)).Status.ShouldBe(RunnerStatus.Busy);
        var job = await WithDbAsync(db => db.RunnerJobs.AsNoTracking().SingleAsync());
        job.RunnerId.ShouldBe(runner.Id);
        job.JobId.ShouldBe(2832853555);
        job.RunId.ShouldBe(940463255);
        job.Repository.ShouldBe("octo-org/example-workflow");
        job.JobName.ShouldNotBeNullOrEmpty();
        queueTimes.Recorded.ShouldBeGreaterThan(0);
    }

    [Test]
    public async Task Completed_makes_a_persistent_runner_idle_and_an_ephemeral_one_deleted_with_the_conclusion()
    {
        var persistent = await OnlineRunnerAsync("ci-persistent", ephemeral: false);
        var ephemeral = await OnlineRunnerAsync("ci-ephemeral", ephemeral: true);

        await ApplyAsync((await ReceiveAsync("d-1", "completed", persistent)).Value.DeliveryId);
        await ApplyAsync((await ReceiveAsync("d-2", "completed", ephemeral)).Value.DeliveryId);

        (await RunnerAsync(persistent.Id)).Status.ShouldBe(RunnerStatus.Idle);
        var finished = await RunnerAsync(ephemeral.Id);
        finished.Status.ShouldBe(RunnerStatus.Deleted);
        finished.DeletionReason.ShouldBe(RunnerDeletionReason.EphemeralFinished);
        var jobs = await WithDbAsync(db => db.RunnerJobs.AsNoTracking().ToListAsync());
        jobs.Count.ShouldBe(2);
        jobs.ShouldAllBe(j => j.Conclusion == "success" && j.CompletedAt != null);
    }

    [Test]
    public async Task Queued_only_feeds_metrics_and_an_unmanaged_runner_is_ignored()
    {
        var runner = await OnlineRunnerAsync("ci-1", ephemeral: false);

        await ApplyAsync((await ReceiveAsync("d-1", "queued", runner)).Value.DeliveryId);
        await ApplyAsync((await ReceiveAsync("d-2", "in_progress", gitHubId: 999_999, name: "someone-elses-runner")).Value.DeliveryId);

        var deliveries = await WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.DeliveryId).ToListAsync());
        deliveries.ShouldAllBe(d => d.Status == WebhookDeliveryStatus.Ignored);
        deliveries[1].Outcome.ShouldBe("runner not managed by this service");
        (await RunnerAsync(runner.Id)).Status.ShouldBe(RunnerStatus.Idle);
        (await WithDbAsync(db => db.RunnerJobs.CountAsync())).ShouldBe(0);
    }

    [Test]
    public async Task An_invalid_signature_is_refused_as_unauthenticated_with_a_security_event_and_nothing_stored()
    {
        var runner = await OnlineRunnerAsync("ci-1", ephemeral: false);
        var body = WebhookFixture.Load("in_progress", runner.GitHubRunnerId, runner.Name, Org);

        var result = await SendAsync(new ReceiveGitHubWebhookCommand("d-1", "workflow_job", WebhookSignature.Sign("wrong secret", body), body));

        result.IsFailure.ShouldBeTrue();
        result.Error.ShouldBe(WebhookErrors.InvalidSignature);
        result.Error.Type.ShouldBe(ErrorType.Unauthenticated);
        (await SecurityEventsAsync("webhook.invalid_signature")).ShouldHaveSingleItem();
        (await WithDbAsync(db => db.WebhookDeliveries.CountAsync())).ShouldBe(0);
    }

    [Test]
    public async Task Without_a_configured_secret_the_endpoint_is_off()
    {
        _webhookOptions.Secret = null;
        var body = WebhookFixture.Load("queued", 1, "x", Org);

        var result = await SendAsync(new ReceiveGitHubWebhookCommand("d-1", "workflow_job", WebhookSignature.Sign(Secret, body), body));

        result.IsFailure.ShouldBeTrue();
        result.Error.ShouldBe(WebhookErrors.Disabled);
        result.Error.Type.ShouldBe(ErrorType.NotFound);
    }

    [Test]
    public async Task A_replayed_delivery_is_acknowledged_and_not_applied_twice()
    {
        var runner = await OnlineRunnerAsync("ci-1", ephemeral: false);
        var first = await ReceiveAsync("d-1", "in_progress", runner);
        var rowId = await WithDbAsync(db => db.WebhookDeliveries.Select(d => d.Id).SingleAsync());
        await ApplyAsync(rowId);

        var replay = await ReceiveAsync("d-1", "in_progress", runner);
        (await SendAsync(new ApplyWebhookDeliveryCommand(rowId))).Value.ShouldBe("already processed");

        first.Value.Duplicate.ShouldBeFalse();
        replay.Value.Duplicate.ShouldBeTrue();
        (await WithDbAsync(db => db.WebhookDeliveries.CountAsync())).ShouldBe(1);
        (await WithDbAsync(db => db.RunnerJobs.CountAsync())).ShouldBe(1);
        (await AuditEventsAsync("runner.job_started")).ShouldHaveSingleItem();
    }

    [Test]
    public async Task Enforce_mode_cancels_the_run_of_a_job_on_a_runner_whose_labels_violate_the_policy()
    {
        _webhookOptions.EnforcementMode = EnforcementMode.Enforce;
        var runner = await OnlineRunnerAsync("ci-1", ephemeral: false);
        Simulator.Relabel(Org, GitHubId(runner), ["team-a", "gpu", "prod-secrets"]);

        await ApplyAsync((await ReceiveAsync("d-1", "in_progress", runner)).Value.DeliveryId);

        Simulator.CancelledRuns.ShouldBe(["octo-org/example-workflow/940463255"]);
        (await WithDbAsync(db => db.RunnerJobs.AsNoTracking().SingleAsync())).EnforcementOutcome.ShouldBe("cancelled");
        var violation = (await SecurityEventsAsync("runner.job_policy_violation")).ShouldHaveSingleItem();
        violation.Severity.ShouldBe(SecuritySeverity.High);
    }

    private async Task<Runner> OnlineRunnerAsync(string name, bool ephemeral)
    {
        var runner = await SeedJitRunnerAsync(name, ephemeral);
        Simulator.SetOnline(Org, GitHubId(runner));
        await SyncAsync();
        return await RunnerAsync(runner.Id);
    }

    private Task<Result<WebhookReceipt>> ReceiveAsync(string deliveryId, string action, Runner runner) =>
        ReceiveAsync(deliveryId, action, runner.GitHubRunnerId, runner.Name);

    private Task<Result<WebhookReceipt>> ReceiveAsync(string deliveryId, string action, long? gitHubId, string name)
    {
        var body = WebhookFixture.Load(action, gitHubId, name, Org);
        return SendAsync(new ReceiveGitHubWebhookCommand(deliveryId, "workflow_job", WebhookSignature.Sign(Secret, body), body));
    }

    private async Task ApplyAsync(string deliveryId)
    {
        var rowId = await WithDbAsync(db => db.WebhookDeliveries.Where(d => d.DeliveryId == deliveryId).Select(d => d.Id).SingleAsync());
        await ApplyAsync(rowId);
    }

    private async Task ApplyAsync(Guid rowId) => (await SendAsync(new ApplyWebhookDeliveryCommand(rowId))).IsSuccess.ShouldBeTrue();

    private sealed class NoSignal : IWebhookDeliverySignal
    {
        public void Notify()
        {
        }
    }

    private sealed class QueueTimeListener : IDisposable
    {
        private readonly MeterListener _listener = new();

        public QueueTimeListener()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == RunnerTokensMetrics.MeterName && instrument.Name == "runnertokens.job.queue_time")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _recorded));
            _listener.Start();
        }

        private int _recorded;

        public int Recorded => Volatile.Read(ref _recorded);

        public void Dispose() => _listener.Dispose();
    }
}
