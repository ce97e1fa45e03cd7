using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Runners.IssueRegistrationToken;
using RunnerTokens.Application.Tests.Teams;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Tests.Runners;

public sealed class IssueRegistrationTokenTests : TeamsTestBase
{
    private FakeGitHubRunners GitHub { get; set; } = null!;

    protected override void ConfigureServices(IServiceCollection services) => GitHub = services.AddRunnerStore();

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
}
