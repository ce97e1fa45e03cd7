using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RunnerTokens.Application.Identity.ResolvePrincipal;
using RunnerTokens.Application.Teams.ChangeLabelPolicy;
using RunnerTokens.Application.Teams.CreateTeam;
using RunnerTokens.Application.Teams.SetTeamMember;
using RunnerTokens.Application.Users.CreateUser;
using RunnerTokens.Domain.Teams;
using RunnerTokens.GitHub.Simulator;
using RunnerTokens.Web.Security;

namespace RunnerTokens.Web.Tests.Browser;

/// <summary>
/// Scenario 2, on a host without the demo: an admin creates a team, sets its policy and adds a member (through the
/// Application's use cases as the Development admin, the same ones the API runs: the dashboard has no create-team page
/// yet); the admin sees them on the team page; the member signs in, sees only that team, provisions a JIT runner,
/// copies its configuration, watches it go from pending to idle without reloading (the simulator brings it online and
/// the sync saves it), and deletes it.
/// </summary>
[NonParallelizable]
public sealed class TeamMemberScenarioTests : BrowserTestBase
{
    private const string TeamName = "mobile";

    protected override Task<DashboardHost> CreateHostAsync() =>
        Task.FromResult(new DashboardHost(new Dictionary<string, string?> { ["Dashboard:DemoSeed"] = "false" }));

    [Test]
    public async Task An_admin_sets_up_a_team_and_its_member_runs_a_runner_from_pending_to_idle_live()
    {
        await SetUpTeamAsAdminAsync();
        var admin = await SignInAsync("admin", $"/teams/{TeamName}");
        await Assertions.Expect(admin.GetByTestId("members")).ToContainTextAsync("Max Member");
        await admin.GetByRole(AriaRole.Tab, new() { Name = "Label policy" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("policy-versions")).ToContainTextAsync("ios-[0-9]+");
        await ScreenshotAsync(admin, "team-set-up");

        var member = await SignInAsync("member", "/teams");
        var teamLinks = member.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = TeamName, Exact = true });
        await Assertions.Expect(teamLinks).ToHaveCountAsync(1);
        (await member.GetByRole(AriaRole.Main).InnerTextAsync()).ShouldNotContain("platform");

        await member.GotoAsync("/runners/provision");
        await WaitForCircuitAsync(member);
        await member.GetByTestId("labels").FillAsync("small");
        await Assertions.Expect(member.GetByTestId("preview-verdict")).ToContainTextAsync("Admitted");
        await Assertions.Expect(member.GetByTestId("preview-labels")).ToContainTextAsync(TeamName);
        await member.GetByTestId("name").FillAsync("e2e-mobile");
        await member.GetByTestId("provision").ClickAsync();
        var config = await member.GetByTestId("jit-config").InputValueAsync();
        config.ShouldNotBeNullOrWhiteSpace();
        await member.GetByTestId("copy-config").ClickAsync();
        (await ClipboardAsync(member)).ShouldBe(config);

        await member.GetByTestId("provisioned").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(member.GetByTestId("runner-status")).ToHaveTextAsync("Pending");
        await WaitForCircuitAsync(member);
        await member.EvaluateAsync("() => window.__sameDocument = true");

        var simulator = Host.Services.GetRequiredService<GitHubSimulator>();
        var atGitHub = simulator.GetRunners(DemoOrganization).Single(r => r.Name.StartsWith("e2e-mobile", StringComparison.Ordinal));
        simulator.SetOnline(DemoOrganization, atGitHub.Id);

        // The sync (every 5 s in Development) saves the change; the page hears it over its circuit.
        await Assertions.Expect(member.GetByTestId("runner-status")).ToHaveTextAsync("Idle", new() { Timeout = 30_000 });
        (await member.EvaluateAsync<bool>("() => window.__sameDocument === true")).ShouldBeTrue("the page was reloaded");
        await ScreenshotAsync(member, "runner-live");

        await member.GetByTestId("delete").ClickAsync();
        await Assertions.Expect(member.GetByTestId("runner-status")).ToHaveTextAsync("Deleted");
    }

    private const string DemoOrganization = "acme";

    /// <summary>What the admin does in the API: create the team, change its policy, register and add the member.</summary>
    private async Task SetUpTeamAsAdminAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var admin = DevelopmentPersona.Admin;
        var resolved = await sender.Send(new ResolvePrincipalCommand(DevelopmentPersona.Issuer, admin.Subject, admin.Email, true, admin.DisplayName, null, null, []));
        resolved.IsSuccess.ShouldBeTrue(resolved.Error?.Code);
        scope.ServiceProvider.GetRequiredService<DashboardPrincipal>().Principal = resolved.Value;

        (await sender.Send(new CreateTeamCommand(TeamName, "The mobile apps", DemoOrganization, null))).IsSuccess.ShouldBeTrue();
        var policy = await sender.Send(new ChangeLabelPolicyCommand(TeamName, new LabelPolicySettings([TeamName], ["small", "ios-[0-9]+"], [], null, 3, false, false)));
        policy.IsSuccess.ShouldBeTrue(policy.Error?.Code);
        var member = DevelopmentPersona.Member;
        var user = await sender.Send(new CreateUserCommand(DevelopmentPersona.Issuer, member.Subject, member.Email, member.DisplayName, false));
        user.IsSuccess.ShouldBeTrue(user.Error?.Code);
        (await sender.Send(new SetTeamMemberCommand(TeamName, user.Value.Id, TeamRole.Member))).IsSuccess.ShouldBeTrue();
    }
}
