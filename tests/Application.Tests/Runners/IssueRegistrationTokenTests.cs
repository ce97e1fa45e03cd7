using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Runners.IssueRegistrationToken;
using RunnerTokens.Application.Tests.Infrastructure;
using RunnerTokens.Application.Tests.Teams;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Tests.Runners;

public sealed class IssueRegistrationTokenTests : TeamsTestBase
{
    private FakeGitHubRunners GitHub { get; set; } = null!;

    private InterleavedWriter Writer { get; set; } = new();

    [SetUp]
    public void NewWriter() => Writer = new InterleavedWriter();

    protected override void ConfigureServices(IServiceCollection services) => GitHub = services.AddRunnerStore();

    // Read at each context's creation, so the handler's context and the competing writer's share it.
    protected override void ConfigureDbContext(DbContextOptionsBuilder options) => options.AddInterceptors(Writer);

    private static IssueRegistrationTokenCommand Token(string name = "tok-1", long? group = null) =>
        new(TeamA, name, null, ["team-a-x"], group);

    [Test]
    public async Task Registration_tokens_are_refused_unless_the_policy_allows_them()
    {
        await SetPolicyAsync(Settings(patterns: ["team-a-.*"]));
        await ActAsAsync(Caller.Member);

        var result = await SendAsync(Token());

        result.Error!.Code.ShouldBe("runner.registration_tokens_not_allowed");
        GitHub.RegistrationTokenRequests.ShouldBeEmpty();
        (await SecurityEventsAsync()).ShouldHaveSingleItem().Type.ShouldBe("runner.policy_violation");
    }

    [Test]
    public async Task An_allowed_token_comes_once_with_a_config_command_and_only_its_fingerprint_is_kept()
    {
        await SetPolicyAsync(Settings(required: ["team-a"], patterns: ["team-a-.*"], registrationTokens: true));
        await ActAsAsync(Caller.Machine);

        var result = await SendAsync(Token());

        result.IsSuccess.ShouldBeTrue(result.Error?.Code);
        var issued = result.Value;
        issued.RegistrationToken.ShouldBe(GitHub.LastRegistrationToken);
        issued.ConfigShLine.ShouldBe(
            $"./config.sh --url https://github.com/acme --token {GitHub.LastRegistrationToken} --name tok-1 --labels team-a,team-a-x --runnergroup Default --ephemeral --unattended");
        var stored = (await RunnersAsync()).ShouldHaveSingleItem();
        stored.Kind.ShouldBe(RunnerKind.RegistrationToken);
        stored.Status.ShouldBe(RunnerStatus.Pending);
        stored.SecretFingerprint.ShouldBe(SecretFingerprint.Of(GitHub.LastRegistrationToken));
        stored.TokenExpiresAt.ShouldBe(issued.ExpiresAt);
    }

    [Test]
    public async Task Persistent_runners_get_no_ephemeral_flag_and_a_named_group_is_looked_up()
    {
        await SetPolicyAsync(new LabelPolicySettings([], ["team-a-.*"], [7], null, null, AllowRegistrationTokens: true, AllowPersistentRunners: true));
        GitHub.Groups.Add(new GitHubRunnerGroup(7, "GPU pool", "all", false, false, false));
        await ActAsAsync(Caller.Member);

        var result = await SendAsync(Token(group: 7));

        result.Value.ConfigShLine.ShouldContain("--runnergroup 'GPU pool'");
        result.Value.ConfigShLine.ShouldNotContain("--ephemeral");
        result.Value.Runner.Ephemeral.ShouldBeFalse();
    }

    // Found reviewing the runner concurrency token: the sync may clean a reservation up (after Sync:ProvisioningGrace)
    // while its request still waits for GitHub; the request's own write then conflicts and must not end in a 500.
    [Test]
    public async Task A_reservation_the_sync_cleaned_up_while_github_answered_hands_out_no_token_and_answers_503()
    {
        await SetPolicyAsync(Settings(patterns: ["team-a-.*"], registrationTokens: true));
        await ActAsAsync(Caller.Member);
        Writer.BeforeNextRunnerSave(SyncCleansUpTheReservationAsync);

        var result = await SendAsync(Token());

        Writer.Fired.ShouldBe(1);
        result.Error.ShouldNotBeNull();
        result.Error.Code.ShouldBe("runner.commit_failed");
        result.Error.Type.ShouldBe(ErrorType.Unavailable);
        GitHub.RegistrationTokenRequests.ShouldHaveSingleItem();
        var stored = (await RunnersAsync()).ShouldHaveSingleItem();
        stored.Status.ShouldBe(RunnerStatus.Deleted);
        stored.SecretFingerprint.ShouldBeNull();
        var issued = (await AuditEventsAsync("runner.registration_token_issued")).ShouldHaveSingleItem();
        issued.Outcome.ShouldBe(AuditOutcome.Failed);
        issued.DetailsJson.ShouldContain("runner.commit_failed");
    }

    [Test]
    public async Task A_failed_request_whose_reservation_the_sync_cleaned_up_meanwhile_still_answers_its_own_error()
    {
        await SetPolicyAsync(new LabelPolicySettings([], ["team-a-.*"], [7], null, null, AllowRegistrationTokens: true, AllowPersistentRunners: false));
        await ActAsAsync(Caller.Member);
        Writer.BeforeNextRunnerSave(SyncCleansUpTheReservationAsync); // group 7 is unknown at GitHub: the reservation is released

        var result = await SendAsync(Token(group: 7));

        Writer.Fired.ShouldBe(1);
        result.Error.ShouldNotBeNull();
        result.Error.Code.ShouldBe("github.runner_group_not_found");
        (await RunnersAsync()).ShouldHaveSingleItem().Status.ShouldBe(RunnerStatus.Deleted);
        (await AuditEventsAsync("runner.registration_token_issued")).ShouldHaveSingleItem().Outcome.ShouldBe(AuditOutcome.Failed);
    }

    private Task SyncCleansUpTheReservationAsync() => WithDbAsync(async db =>
    {
        var reservation = await db.Runners.SingleAsync();
        reservation.Delete(RunnerDeletionReason.NeverRegistered, AuditActor.Sync.Display, Clock.GetUtcNow()).IsSuccess.ShouldBeTrue();
        await db.SaveChangesAsync();
    });
}
