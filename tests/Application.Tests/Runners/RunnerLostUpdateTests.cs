using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Runners.DeleteRunner;
using RunnerTokens.Application.Runners.DeleteTeamRunners;
using RunnerTokens.Application.Tests.Infrastructure;
using RunnerTokens.Application.Tests.Sync;
using RunnerTokens.Application.Tests.Webhooks;
using RunnerTokens.Application.Webhooks;
using RunnerTokens.Application.Webhooks.ApplyWebhookDelivery;
using RunnerTokens.Application.Webhooks.ReceiveGitHubWebhook;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Domain.Webhooks;

namespace RunnerTokens.Application.Tests.Runners;

/// <summary>
/// Two writers of one runner row interleaved (found by the soak): one reads the runner, the other changes it and
/// commits, then the first saves what it decided on the old state. Runner rows carry a concurrency token, and each
/// writer re-reads the row and re-applies its change to the new state: a deleted runner stays deleted, the live count
/// stays right, and the audit trail records only what really changed.
/// </summary>
public sealed class RunnerLostUpdateTests : SyncTestBase
{
    private const string Secret = "It's a Secret to Everybody";

    private InterleavedWriter Writer { get; set; } = new();

    [SetUp]
    public void NewWriter() => Writer = new InterleavedWriter();

    // Read at each context's creation, so every context of a test (the handler's and the competing writer's) shares it.
    protected override void ConfigureDbContext(DbContextOptionsBuilder options) => options.AddInterceptors(Writer);

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton(Options.Create(new WebhookOptions { Secret = Secret }));
        services.AddSingleton<IWebhookDeliverySignal, NoSignal>();
    }

    [Test]
    public async Task A_job_start_read_before_the_team_deleted_the_runner_and_saved_after_leaves_it_deleted()
    {
        var runner = await OnlineRunnerAsync("ci-1", ephemeral: false);
        var delivery = await ReceiveAsync("d-1", "in_progress", runner);
        await ActAsMaintainerAsync();
        Writer.BeforeNextRunnerSave(() => DeleteAsync(runner.Id, bulk: false));

        var outcome = await ApplyAsync(delivery);

        Writer.Fired.ShouldBe(1);
        var stored = await RunnerAsync(runner.Id);
        stored.Status.ShouldBe(RunnerStatus.Deleted);
        stored.DeletionReason.ShouldBe(RunnerDeletionReason.Requested);
        stored.LiveNameKey.ShouldBeNull();
        (await LiveRunnersAsync()).ShouldBe(0);
        (await WithDbAsync(db => db.RunnerJobs.AsNoTracking().SingleAsync())).RunnerId.ShouldBe(runner.Id);
        (await WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync())).Status.ShouldBe(WebhookDeliveryStatus.Applied);
        outcome.ShouldNotContain("busy");
        (await AuditEventsAsync("runner.deleted")).ShouldHaveSingleItem().ActorKind.ShouldBe(PrincipalKind.User);
    }

    [Test]
    public async Task A_job_completion_read_before_the_team_deleted_the_runner_and_saved_after_leaves_it_deleted()
    {
        var runner = await OnlineRunnerAsync("ci-1", ephemeral: false);
        await ApplyAsync(await ReceiveAsync("d-0", "in_progress", runner));
        var delivery = await ReceiveAsync("d-1", "completed", runner);
        await ActAsAsync(await SeedUserAsync("admin", isAdmin: true)); // a busy runner: deleted with an admin's force
        Writer.BeforeNextRunnerSave(async () => (await SendAsync(new DeleteRunnerCommand(runner.Id, Force: true))).IsSuccess.ShouldBeTrue());

        await ApplyAsync(delivery);

        Writer.Fired.ShouldBe(1);
        var stored = await RunnerAsync(runner.Id);
        stored.Status.ShouldBe(RunnerStatus.Deleted);
        stored.DeletionReason.ShouldBe(RunnerDeletionReason.Requested);
        (await LiveRunnersAsync()).ShouldBe(0);
        (await WithDbAsync(db => db.RunnerJobs.CountAsync(j => j.CompletedAt != null))).ShouldBe(1);
        (await AuditEventsAsync("runner.deleted")).ShouldHaveSingleItem().DetailsJson.ShouldContain("\"before\":\"busy\"");
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_deletion_read_before_the_ephemeral_runner_finished_its_job_records_one_deletion(bool bulk)
    {
        var runner = await OnlineRunnerAsync("ci-1", ephemeral: true);
        var delivery = await ReceiveAsync("d-1", "completed", runner);
        await ActAsMaintainerAsync();
        Writer.BeforeNextRunnerSave(() => ApplyAsync(delivery));

        await DeleteAsync(runner.Id, bulk);

        Writer.Fired.ShouldBe(1);
        var stored = await RunnerAsync(runner.Id);
        stored.Status.ShouldBe(RunnerStatus.Deleted);
        stored.DeletionReason.ShouldBe(RunnerDeletionReason.EphemeralFinished);
        (await LiveRunnersAsync()).ShouldBe(0);
        var deleted = (await AuditEventsAsync("runner.deleted")).ShouldHaveSingleItem();
        deleted.ActorId.ShouldBe(AuditActor.GitHubWebhook.Id);
    }

    [Test]
    public async Task A_sync_that_read_the_runner_before_the_team_deleted_it_leaves_it_deleted()
    {
        var runner = await SeedJitRunnerAsync("ci-1", ephemeral: false);
        Simulator.SetOnline(Org, GitHubId(runner));
        await ActAsMaintainerAsync();
        Writer.BeforeNextRunnerSave(() => DeleteAsync(runner.Id, bulk: false));

        var run = await SyncAsync();

        Writer.Fired.ShouldBe(1);
        var stored = await RunnerAsync(runner.Id);
        stored.Status.ShouldBe(RunnerStatus.Deleted);
        stored.DeletionReason.ShouldBe(RunnerDeletionReason.Requested);
        (await LiveRunnersAsync()).ShouldBe(0);
        (await AuditEventsAsync("runner.status_changed")).ShouldBeEmpty();
        (await AuditEventsAsync("runner.deleted")).ShouldHaveSingleItem();
        run.Changes.ShouldBe(0);
    }

    [Test]
    public async Task A_team_deletion_whose_runner_the_sync_marked_removed_meanwhile_records_one_deletion()
    {
        // The deletion removes the runner at GitHub, then a sync (listing GitHub after that) marks the row removed
        // before the deletion saves: the row was deleted once, by the sync, and the deletion has nothing left to write.
        var runner = await OnlineRunnerAsync("ci-1", ephemeral: false);
        await ActAsMaintainerAsync();
        Writer.BeforeNextRunnerSave(() => SyncAsync());

        await DeleteAsync(runner.Id, bulk: false);

        Writer.Fired.ShouldBe(1);
        var stored = await RunnerAsync(runner.Id);
        stored.Status.ShouldBe(RunnerStatus.Deleted);
        stored.DeletionReason.ShouldBe(RunnerDeletionReason.RemovedAtGitHub);
        (await LiveRunnersAsync()).ShouldBe(0);
        (await AuditEventsAsync("runner.deleted")).ShouldHaveSingleItem().ActorId.ShouldBe(AuditActor.Sync.Id);
    }

    private Task<int> LiveRunnersAsync() =>
        WithDbAsync(db => db.Runners.CountAsync(r => r.TeamId == Team.Id && r.Status != RunnerStatus.Deleted));

    private async Task ActAsMaintainerAsync()
    {
        var maintainer = await SeedUserAsync("maintainer");
        await AddMembershipAsync(Team.Id, maintainer.Id, TeamRole.Maintainer);
        await ActAsAsync(maintainer);
    }

    private async Task DeleteAsync(Guid id, bool bulk)
    {
        if (bulk)
        {
            var report = await SendAsync(new DeleteTeamRunnersCommand(Team.Name, null, DryRun: false));
            report.IsSuccess.ShouldBeTrue();
            report.Value.Outcomes.ShouldHaveSingleItem().Outcome.ShouldBe("deleted");
        }
        else
        {
            (await SendAsync(new DeleteRunnerCommand(id, Force: false))).IsSuccess.ShouldBeTrue();
        }
    }

    private async Task<Runner> OnlineRunnerAsync(string name, bool ephemeral)
    {
        var runner = await SeedJitRunnerAsync(name, ephemeral);
        Simulator.SetOnline(Org, GitHubId(runner));
        await SyncAsync();
        return await RunnerAsync(runner.Id);
    }

    private async Task<Guid> ReceiveAsync(string deliveryId, string action, Runner runner)
    {
        var body = WebhookFixture.Load(action, runner.GitHubRunnerId, runner.Name, Org);
        var receipt = await SendAsync(new ReceiveGitHubWebhookCommand(deliveryId, "workflow_job", WebhookSignature.Sign(Secret, body), body));
        receipt.IsSuccess.ShouldBeTrue();
        return await WithDbAsync(db => db.WebhookDeliveries.Where(d => d.DeliveryId == deliveryId).Select(d => d.Id).SingleAsync());
    }

    private async Task<string> ApplyAsync(Guid deliveryRowId)
    {
        var applied = await SendAsync(new ApplyWebhookDeliveryCommand(deliveryRowId));
        applied.IsSuccess.ShouldBeTrue();
        return applied.Value;
    }

    private sealed class NoSignal : IWebhookDeliverySignal
    {
        public void Notify()
        {
        }
    }
}
