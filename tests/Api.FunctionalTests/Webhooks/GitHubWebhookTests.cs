using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Webhooks.ReceiveGitHubWebhook;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Domain.Webhooks;

namespace RunnerTokens.Api.FunctionalTests.Webhooks;

/// <summary>
/// <c>POST /api/v1/webhooks/github</c> end to end: anonymous, authenticated by the HMAC signature of the raw
/// body; stored once per delivery id; applied by the background processor to runners provisioned through
/// the API (GitHub simulator). The background sync is off so only the webhook changes runner state.
/// </summary>
public sealed class GitHubWebhookTests : FunctionalTestBase
{
    private const string Secret = "It's a Secret to Everybody, 32 characters at least";
    private SeededUser _admin = null!;
    private SeededUser _member = null!;
    private Team _team = null!;

    protected override ApiFactoryOptions FactoryOptions => new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["GitHub:WebhookSecret"] = Secret,
            ["Sync:Enabled"] = "false",
        },
    };

    [OneTimeSetUp]
    public async Task Seed()
    {
        _admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        _member = await Factory.SeedUserAsync(Unique("member"));
        _team = await Factory.SeedTeamAsync(Unique("builds"), policy: RunnerPolling.Policy);
        await Factory.AddMemberAsync(_team, _member);
    }

    [TestCase(null)]
    [TestCase("sha256=")]
    [TestCase("sha1=0123456789abcdef0123456789abcdef01234567")]
    public async Task A_missing_or_malformed_signature_is_a_401_problem(string? signature)
    {
        var deliveryId = Guid.NewGuid().ToString();
        var body = GitHubWebhook.WorkflowJob("queued", null, null, _team.Organization, NewJobId());

        var response = await GitHubWebhook.PostAsync(Anonymous(), body, deliveryId, "workflow_job", signature);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "webhooks.invalid_signature");
        (await DeliveryCountAsync(deliveryId)).ShouldBe(0);
    }

    [Test]
    public async Task A_body_changed_after_signing_is_refused()
    {
        var body = GitHubWebhook.WorkflowJob("queued", null, null, _team.Organization, NewJobId());
        var signature = GitHubWebhook.Signature(Secret, body);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\"queued\"", "\"completed\"", StringComparison.Ordinal));

        var response = await GitHubWebhook.PostAsync(Anonymous(), tampered, Guid.NewGuid().ToString(), "workflow_job", signature);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "webhooks.invalid_signature");
    }

    [Test]
    public async Task A_valid_delivery_is_accepted_and_stored()
    {
        var deliveryId = Guid.NewGuid().ToString();
        var body = GitHubWebhook.WorkflowJob("queued", null, null, _team.Organization, NewJobId());

        var response = await GitHubWebhook.PostAsync(Anonymous(), body, deliveryId, "workflow_job", GitHubWebhook.Signature(Secret, body));

        var receipt = await response.ShouldBeJsonAsync<WebhookReceipt>(HttpStatusCode.Accepted);
        receipt.DeliveryId.ShouldBe(deliveryId);
        receipt.Duplicate.ShouldBeFalse();
        var stored = await Factory.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.DeliveryId == deliveryId));
        stored.Event.ShouldBe("workflow_job");
        stored.Action.ShouldBe("queued");
        stored.Payload.ShouldBe(Encoding.UTF8.GetString(body));
    }

    [Test]
    public async Task Missing_delivery_headers_on_a_signed_body_are_a_400_problem()
    {
        var body = GitHubWebhook.WorkflowJob("queued", null, null, _team.Organization, NewJobId());

        var response = await GitHubWebhook.PostAsync(Anonymous(), body, " ", "workflow_job", GitHubWebhook.Signature(Secret, body));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "webhooks.missing_headers");
    }

    [Test]
    public async Task The_same_delivery_again_is_a_200_duplicate_and_applied_once()
    {
        var member = ClientFor(_member);
        var runner = await RunnerPolling.ProvisionJitAsync(member, _team.Name);
        var jobId = NewJobId();
        var deliveryId = Guid.NewGuid().ToString();
        var body = GitHubWebhook.WorkflowJob("in_progress", runner.GitHubRunnerId, runner.Name, runner.Organization, jobId);
        var signature = GitHubWebhook.Signature(Secret, body);

        var first = await GitHubWebhook.PostAsync(Anonymous(), body, deliveryId, "workflow_job", signature);
        var again = await GitHubWebhook.PostAsync(Anonymous(), body, deliveryId, "workflow_job", signature);

        (await first.ShouldBeJsonAsync<WebhookReceipt>(HttpStatusCode.Accepted)).Duplicate.ShouldBeFalse();
        var duplicate = await again.ShouldBeJsonAsync<WebhookReceipt>(HttpStatusCode.OK);
        duplicate.DeliveryId.ShouldBe(deliveryId);
        duplicate.Duplicate.ShouldBeTrue();

        var details = await RunnerPolling.WaitForRunnerAsync(member, runner.Id, d => d.Jobs.Count > 0);
        details.Jobs.ShouldHaveSingleItem().JobId.ShouldBe(jobId);
        (await DeliveryCountAsync(deliveryId)).ShouldBe(1);
        var applied = await Factory.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.DeliveryId == deliveryId));
        applied.Status.ShouldBe(WebhookDeliveryStatus.Applied);
        var starts = await Factory.WithDbAsync(db =>
            db.AuditEvents.CountAsync(e => e.Action == "runner.job_started" && e.TargetId == runner.Id.ToString()));
        starts.ShouldBe(1, "the job start is applied (and audited) once");
    }

    [Test]
    public async Task In_progress_makes_a_jit_runner_busy_and_completed_deletes_it()
    {
        var member = ClientFor(_member);
        var runner = await RunnerPolling.ProvisionJitAsync(member, _team.Name);
        runner.Ephemeral.ShouldBeTrue("JIT runners are ephemeral");
        var jobId = NewJobId();

        var started = GitHubWebhook.WorkflowJob("in_progress", runner.GitHubRunnerId, runner.Name, runner.Organization, jobId);
        (await GitHubWebhook.PostAsync(Anonymous(), started, Guid.NewGuid().ToString(), "workflow_job", GitHubWebhook.Signature(Secret, started)))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var busy = await RunnerPolling.WaitForRunnerAsync(member, runner.Id, d => d.Status == RunnerStatus.Busy);
        busy.Status.ShouldBe(RunnerStatus.Busy);
        var job = busy.Jobs.ShouldHaveSingleItem();
        job.JobId.ShouldBe(jobId);
        job.RunId.ShouldBe(940463255);
        job.Repository.ShouldBe($"{runner.Organization}/example-workflow");
        job.CompletedAt.ShouldBeNull();

        var completed = GitHubWebhook.WorkflowJob("completed", runner.GitHubRunnerId, runner.Name, runner.Organization, jobId);
        (await GitHubWebhook.PostAsync(Anonymous(), completed, Guid.NewGuid().ToString(), "workflow_job", GitHubWebhook.Signature(Secret, completed)))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var finished = await RunnerPolling.WaitForRunnerAsync(member, runner.Id, d => d.Status == RunnerStatus.Deleted);
        finished.Status.ShouldBe(RunnerStatus.Deleted);
        finished.DeletedAt.ShouldNotBeNull();
        var done = finished.Jobs.ShouldHaveSingleItem();
        done.JobId.ShouldBe(jobId);
        done.Conclusion.ShouldBe("success");
        done.CompletedAt.ShouldNotBeNull();
    }

    private Task<int> DeliveryCountAsync(string deliveryId) =>
        Factory.WithDbAsync(db => db.WebhookDeliveries.CountAsync(d => d.DeliveryId == deliveryId));

    private static long NewJobId() => Random.Shared.NextInt64(1_000_000, long.MaxValue / 2);
}
