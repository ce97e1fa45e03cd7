using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Application.Runners.DeleteRunner;
using RunnerTokens.Application.Runners.DeleteTeamRunners;
using RunnerTokens.Application.Tests.Teams;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Infrastructure.Runners;

namespace RunnerTokens.Application.Tests.Runners;

/// <summary>
/// Runner changes reach <see cref="RunnerChangeFeed"/> (what the dashboard's pages listen to) from the use cases that
/// save them, once committed, through the persistence layer's <see cref="RunnerChangePublication"/>.
/// </summary>
public sealed class RunnerChangeNotificationTests : TeamsTestBase
{
    private readonly RunnerChangeFeed _feed = new(NullLogger<RunnerChangeFeed>.Instance);
    private readonly List<RunnerChange> _published = [];
    private IDisposable? _subscription;

    private FakeGitHubRunners GitHub { get; set; } = null!;

    protected override void ConfigureServices(IServiceCollection services) => GitHub = services.AddRunnerStore();

    protected override void ConfigureDbContext(DbContextOptionsBuilder options) =>
        options.AddInterceptors(new RunnerChangePublication(_feed));

    [SetUp]
    public void Subscribe() => _subscription = _feed.Subscribe(changes =>
    {
        lock (_published)
        {
            _published.AddRange(changes);
        }
    });

    [TearDown]
    public void Unsubscribe() => _subscription?.Dispose();

    [Test]
    public async Task Provisioning_and_deleting_a_runner_publish_its_new_state()
    {
        await SetPolicyAsync(Settings(patterns: ["team-a-.*"]));
        await ActAsAsync(Caller.Member);
        _published.Clear();

        var id = await ProvisionAsync("ci-1");

        _published.ShouldContain(c => c.RunnerId == id && c.Status == RunnerStatus.Pending);
        var team = _published.First(c => c.RunnerId == id).TeamId;
        team.ShouldNotBe(Guid.Empty);
        _published.Clear();

        (await SendAsync(new DeleteRunnerCommand(id, Force: false))).IsSuccess.ShouldBeTrue();

        _published.ShouldBe([new RunnerChange(id, team, RunnerStatus.Deleted)]);
    }

    [Test]
    public async Task A_bulk_deletion_of_a_selection_deletes_and_publishes_only_the_selected_runners()
    {
        await SetPolicyAsync(Settings(patterns: ["team-a-.*"]));
        await ActAsAsync(Caller.Maintainer);
        var kept = await ProvisionAsync("ci-kept");
        var chosen = await ProvisionAsync("ci-chosen");
        var busy = await ProvisionAsync("ci-busy");
        await MarkAsync(busy, r => r.StartJob(Clock.GetUtcNow()));
        _published.Clear();

        var dry = (await SendAsync(new DeleteTeamRunnersCommand(TeamA, null, DryRun: true, [chosen, busy]))).Value;
        dry.Outcomes.Select(o => (o.Id, o.Outcome)).ShouldBe([(chosen, "would_delete"), (busy, "skipped_busy")], ignoreOrder: true);
        _published.ShouldBeEmpty();

        var report = (await SendAsync(new DeleteTeamRunnersCommand(TeamA, null, DryRun: false, [chosen, busy]))).Value;

        report.Matched.ShouldBe(2);
        report.Deleted.ShouldBe(1);
        GitHub.Deletions.Count.ShouldBe(1);
        var stored = (await RunnersAsync()).ToDictionary(r => r.Id);
        stored[chosen].Status.ShouldBe(RunnerStatus.Deleted);
        stored[kept].Status.ShouldBe(RunnerStatus.Pending);
        stored[busy].Status.ShouldBe(RunnerStatus.Busy);
        _published.Select(c => (c.RunnerId, c.Status)).ShouldBe([(chosen, RunnerStatus.Deleted)]);
    }

    [Test]
    public async Task Changes_are_published_when_the_transaction_commits_and_never_after_a_rollback()
    {
        await SetPolicyAsync(Settings(patterns: ["team-a-.*"]));
        await ActAsAsync(Caller.Member);
        var id = await ProvisionAsync("ci-1");
        _published.Clear();

        await WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            (await db.Runners.SingleAsync(r => r.Id == id)).StartJob(Clock.GetUtcNow());
            await db.SaveChangesAsync();
            _published.ShouldBeEmpty();
            await transaction.RollbackAsync();
        });
        _published.ShouldBeEmpty();

        await WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            (await db.Runners.SingleAsync(r => r.Id == id)).StartJob(Clock.GetUtcNow());
            await db.SaveChangesAsync();
            _published.ShouldBeEmpty();
            await transaction.CommitAsync();
        });
        _published.Select(c => (c.RunnerId, c.Status)).ShouldBe([(id, RunnerStatus.Busy)]);
    }
}
