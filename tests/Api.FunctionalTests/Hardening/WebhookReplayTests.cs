using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Api.Contracts.Runners;
using RunnerTokens.Application.Webhooks.ReceiveGitHubWebhook;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Api.FunctionalTests.Webhooks;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Domain.Webhooks;

namespace RunnerTokens.Api.FunctionalTests.Hardening;

/// <summary>
/// Replays: a body already received is a duplicate under any <c>X-GitHub-Delivery</c> (the signature of a
/// captured delivery stays valid forever), and an event older than the runner's recorded state does not roll
/// it back. Runs on a persistent runner, the one a replayed start would put back to busy.
/// </summary>
public sealed class WebhookReplayTests : FunctionalTestBase
{
    private const string Secret = "a-webhook-secret-of-at-least-32-characters";
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
        _member = await Factory.SeedUserAsync(Unique("member"));
        _team = await Factory.SeedTeamAsync(
            Unique("persist"),
            policy: RunnerPolling.Policy with { AllowRegistrationTokens = true, AllowPersistentRunners = true });
        await Factory.AddMemberAsync(_team, _member);
    }

    [Test]
    public async Task The_same_start_under_a_new_delivery_id_after_completion_is_a_duplicate()
    {
        var member = ClientFor(_member);
        var runner = await PersistentRunnerAsync(member);
        var jobId = Random.Shared.NextInt64(1_000_000, long.MaxValue / 2);
        var started = GitHubWebhook.WorkflowJob("in_progress", null, runner.Name, _team.Organization, jobId);
        var completed = GitHubWebhook.WorkflowJob("completed", null, runner.Name, _team.Organization, jobId);

        await DeliverAndWaitAsync(started, Guid.NewGuid().ToString());
        await DeliverAndWaitAsync(completed, Guid.NewGuid().ToString());
        (await RunnerPolling.WaitForRunnerAsync(member, runner.Id, d => d.Status == RunnerStatus.Idle)).Status.ShouldBe(RunnerStatus.Idle);

        var replayId = Guid.NewGuid().ToString();
        var replay = await GitHubWebhook.PostAsync(Anonymous(), started, replayId, "workflow_job", GitHubWebhook.Signature(Secret, started));

        var receipt = await replay.ShouldBeJsonAsync<WebhookReceipt>(HttpStatusCode.OK);
        receipt.Duplicate.ShouldBeTrue();
        (await Factory.WithDbAsync(db => db.WebhookDeliveries.CountAsync(d => d.DeliveryId == replayId))).ShouldBe(0, "a replay is not stored");
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // Give a wrongly stored replay the time to be applied.
        var details = await RunnerPolling.WaitForRunnerAsync(member, runner.Id, _ => true);
        details.Status.ShouldBe(RunnerStatus.Idle, "a replayed start must not put the runner back to busy");
        var starts = await Factory.WithDbAsync(db =>
            db.AuditEvents.CountAsync(e => e.Action == "runner.job_started" && e.TargetId == runner.Id.ToString()));
        starts.ShouldBe(1, "the job start is recorded once");
    }

    [Test]
    public async Task A_start_that_arrives_after_the_completion_does_not_make_the_runner_busy()
    {
        var member = ClientFor(_member);
        var runner = await PersistentRunnerAsync(member);
        var jobId = Random.Shared.NextInt64(1_000_000, long.MaxValue / 2);
        var completed = GitHubWebhook.WorkflowJob("completed", null, runner.Name, _team.Organization, jobId);
        var started = GitHubWebhook.WorkflowJob("in_progress", null, runner.Name, _team.Organization, jobId);

        await DeliverAndWaitAsync(completed, Guid.NewGuid().ToString());
        var late = await DeliverAndWaitAsync(started, Guid.NewGuid().ToString());

        late.Status.ShouldBe(WebhookDeliveryStatus.Ignored, late.Outcome);
        var details = await RunnerPolling.WaitForRunnerAsync(member, runner.Id, _ => true);
        details.Status.ShouldBe(RunnerStatus.Idle, "the late start is older than the recorded completion");
        details.Jobs.ShouldHaveSingleItem().CompletedAt.ShouldNotBeNull();
    }

    private async Task<RegistrationTokenResponse> PersistentRunnerAsync(HttpClient member)
    {
        var response = await member.PostAsJsonAsync("/api/v1/runners/registration-token", new { team = _team.Name, name = Unique("persist") });
        var runner = await response.ShouldBeJsonAsync<RegistrationTokenResponse>(HttpStatusCode.Created);
        runner.Ephemeral.ShouldBeFalse("the team allows persistent runners");
        return runner;
    }

    /// <summary>Posts a signed delivery and waits (bounded) until the background processor has finished with it.</summary>
    private async Task<WebhookDelivery> DeliverAndWaitAsync(byte[] body, string deliveryId)
    {
        var response = await GitHubWebhook.PostAsync(Anonymous(), body, deliveryId, "workflow_job", GitHubWebhook.Signature(Secret, body));
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, Encoding.UTF8.GetString(body)[..Math.Min(80, body.Length)]);
        var deadline = DateTime.UtcNow + RunnerPolling.MaxWait;
        while (true)
        {
            var stored = await Factory.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.DeliveryId == deliveryId));
            if (stored.Status != WebhookDeliveryStatus.Received || DateTime.UtcNow >= deadline)
            {
                stored.Status.ShouldNotBe(WebhookDeliveryStatus.Received, "the delivery was not applied in time");
                return stored;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
