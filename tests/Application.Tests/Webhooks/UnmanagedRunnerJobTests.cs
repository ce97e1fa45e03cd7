using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Tests.Sync;
using RunnerTokens.Application.Webhooks;
using RunnerTokens.Application.Webhooks.ApplyWebhookDelivery;
using RunnerTokens.Application.Webhooks.ReceiveGitHubWebhook;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Tests.Webhooks;

/// <summary>A job starting on a runner no row claims, in a managed runner group (issue 9, section 3).</summary>
public sealed class UnmanagedRunnerJobTests : SyncTestBase
{
    private const string Secret = "It's a Secret to Everybody";
    private const long ManagedGroup = 7;
    private readonly WebhookOptions _webhookOptions = new() { Secret = Secret };

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton(Options.Create(_webhookOptions));
        services.AddSingleton<IWebhookDeliverySignal, NoSignal>();
    }

    [SetUp]
    public async Task ManagedGroupAsync()
    {
        _webhookOptions.EnforcementMode = EnforcementMode.Audit;
        var team = Domain.Teams.Team.Create("team-g", null, Org, Clock.GetUtcNow()).Value;
        await WithDbAsync(async db =>
        {
            db.Teams.Add(team);
            db.LabelPolicies.Add(LabelPolicy.First(team.Id, new LabelPolicySettings(["team-g"], [], [ManagedGroup], ManagedGroup, null, false, false), "admin", Clock.GetUtcNow()).Value);
            await db.SaveChangesAsync();
        });
    }

    private async Task<string> ApplyJobAsync(string deliveryId, long runnerId, string runnerName, long group)
    {
        var payload = JsonNode.Parse(WebhookFixture.Load("in_progress", runnerId, runnerName, Org))!.AsObject();
        payload["workflow_job"]!["runner_group_id"] = group;
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        (await SendAsync(new ReceiveGitHubWebhookCommand(deliveryId, "workflow_job", WebhookSignature.Sign(Secret, body), body))).IsSuccess.ShouldBeTrue();
        var rowId = await WithDbAsync(db => db.WebhookDeliveries.Where(d => d.DeliveryId == deliveryId).Select(d => d.Id).SingleAsync());
        var applied = await SendAsync(new ApplyWebhookDeliveryCommand(rowId));
        applied.IsSuccess.ShouldBeTrue();
        return applied.Value;
    }

    [Test]
    public async Task In_audit_mode_a_job_on_an_unmanaged_runner_in_a_managed_group_is_a_high_security_event()
    {
        var outcome = await ApplyJobAsync("d-1", 4242, "rogue", ManagedGroup);

        outcome.ShouldContain("unmanaged runner");
        var flagged = (await SecurityEventsAsync("runner.unmanaged_job")).ShouldHaveSingleItem();
        flagged.Severity.ShouldBe(SecuritySeverity.High);
        var details = JsonDocument.Parse(flagged.DetailsJson).RootElement;
        details.GetProperty("githubRunnerId").GetInt64().ShouldBe(4242);
        details.GetProperty("name").GetString().ShouldBe("rogue");
        Simulator.CancelledRuns.ShouldBeEmpty();
    }

    [Test]
    public async Task In_enforce_mode_the_run_is_cancelled_and_audited()
    {
        _webhookOptions.EnforcementMode = EnforcementMode.Enforce;

        await ApplyJobAsync("d-1", 4242, "rogue", ManagedGroup);

        Simulator.CancelledRuns.ShouldBe(["octo-org/example-workflow/940463255"]);
        var cancelled = (await AuditEventsAsync("runner.job_cancelled")).ShouldHaveSingleItem();
        cancelled.TargetId.ShouldBe("4242");
        (await SecurityEventsAsync("runner.unmanaged_job")).ShouldHaveSingleItem();
    }

    [Test]
    public async Task A_job_on_a_runner_of_an_unmanaged_group_stays_none_of_the_services_business()
    {
        _webhookOptions.EnforcementMode = EnforcementMode.Enforce;

        var outcome = await ApplyJobAsync("d-1", 4242, "org-own", LabelPolicy.GitHubDefaultRunnerGroupId);

        outcome.ShouldBe("runner not managed by this service");
        (await SecurityEventsAsync("runner.unmanaged_job")).ShouldBeEmpty();
        Simulator.CancelledRuns.ShouldBeEmpty();
    }

    [Test]
    public async Task A_job_on_a_managed_runner_is_not_flagged()
    {
        _webhookOptions.EnforcementMode = EnforcementMode.Enforce;
        var runner = await SeedJitRunnerAsync("ci-own", ephemeral: false);

        await ApplyJobAsync("d-1", GitHubId(runner), runner.Name, ManagedGroup);

        (await SecurityEventsAsync("runner.unmanaged_job")).ShouldBeEmpty();
    }

    private sealed class NoSignal : IWebhookDeliverySignal
    {
        public void Notify()
        {
        }
    }
}
