using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RunnerTokens.Web.Security;

namespace RunnerTokens.Web.Tests.Browser;

/// <summary>
/// Team administration, the policy editor, machine identities, users and security events end to end in Chromium, on the
/// Development demo (teams platform and web, Ada Admin, Max Member in web).
/// </summary>
[NonParallelizable]
public sealed class AdministrationScenarioTests : BrowserTestBase
{
    [Test]
    public async Task An_admin_pre_registers_a_user_creates_a_team_adds_her_sets_a_policy_and_deactivates_it()
    {
        var page = await SignInAsync("admin", "/users");
        await page.GetByTestId("user-new").ClickAsync();
        await page.GetByTestId("user-email").FillAsync("grace@example.com");
        await page.GetByTestId("user-display-name").FillAsync("Grace Dev");
        await page.GetByTestId("user-create").ClickAsync();
        await Assertions.Expect(page.GetByTestId("users-grid")).ToContainTextAsync("grace@example.com");

        await page.GetByRole(AriaRole.Link, new() { Name = "Teams", Exact = true }).ClickAsync();
        await page.GetByTestId("team-new").ClickAsync();
        await page.GetByTestId("team-name").FillAsync("infra");
        await page.GetByTestId("team-new-description").FillAsync("Infrastructure as code");
        await page.GetByTestId("team-organization").FillAsync("acme");
        await page.GetByTestId("team-organization").PressAsync("Tab");
        await ScreenshotAsync(page, "team-new");
        await page.GetByTestId("team-create").ClickAsync();
        // Polled, not WaitForURLAsync: the dialog navigates with pushState, and the .NET client's wait missed a
        // same-document navigation that landed while it set up (a 30 s timeout on the team's own page, now and then).
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/teams/infra$"));
        await Assertions.Expect(page.GetByTestId("team-description")).ToContainTextAsync("Infrastructure as code");

        await page.GetByTestId("member-user").FillAsync("Grace");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Grace Dev" }).ClickAsync();
        await page.GetByTestId("member-add").ClickAsync();
        await Assertions.Expect(page.GetByTestId("members")).ToContainTextAsync("Grace Dev");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Label policy" }).ClickAsync();
        await page.GetByTestId("required-labels").FillAsync("infra\nself-hosted");
        await page.GetByTestId("policy-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("problem")).ToContainTextAsync("team.policy_invalid");
        await Assertions.Expect(page.Locator(".mud-input-control").Filter(new() { Has = page.GetByTestId("required-labels") }).Locator(".mud-input-error").Last)
            .ToContainTextAsync("Line 2 (self-hosted)");

        await page.GetByTestId("required-labels").FillAsync("infra");
        await page.GetByTestId("allowed-patterns").FillAsync("small\nlinux-.*");
        await page.GetByTestId("max-runners").FillAsync("3");
        await page.GetByTestId("policy-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("policy-saved")).ToContainTextAsync("Saved as version 2");
        var diff = page.GetByTestId("policy-diff");
        await Assertions.Expect(diff).ToContainTextAsync("linux-.*");
        await Assertions.Expect(diff.Locator("tr[data-kind=changed]")).ToContainTextAsync("maxRunners");
        await ScreenshotAsync(page, "team-policy");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Dry run and quota" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("quota-usage")).ToContainTextAsync("0 live runners of 3");
        await page.GetByTestId("dry-run-labels").FillAsync("small, gpu");
        await page.GetByTestId("dry-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dry-run-verdict")).ToContainTextAsync("Refused under policy version 2");
        await Assertions.Expect(page.GetByTestId("dry-run-violations")).ToContainTextAsync("gpu");

        await page.GetByTestId("team-deactivate").ClickAsync();
        await page.GetByTestId("confirm-reason").FillAsync("Moving to the platform team");
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Assertions.Expect(page.GetByTestId("team-state")).ToHaveTextAsync("deactivated");
        await Assertions.Expect(page.GetByTestId("team-description")).ToContainTextAsync("Moving to the platform team");
        await page.GetByTestId("team-reactivate").ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Assertions.Expect(page.GetByTestId("team-state")).ToHaveTextAsync("active");
    }

    [Test]
    public async Task Saving_a_policy_someone_else_changed_meanwhile_shows_the_problem_and_reloads()
    {
        var first = await OpenPolicyAsync();
        var second = await OpenPolicyAsync();
        var version = int.Parse(Regex.Match(await first.GetByTestId("policy-version").InnerTextAsync(), @"Version (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        await first.GetByTestId("max-runners").FillAsync("11");
        await first.GetByTestId("policy-save").ClickAsync();
        await Assertions.Expect(first.GetByTestId("policy-saved")).ToContainTextAsync($"Saved as version {version + 1}");

        await second.GetByTestId("max-runners").FillAsync("12");
        await second.GetByTestId("policy-save").ClickAsync();
        await Assertions.Expect(second.GetByTestId("problem")).ToContainTextAsync("policy.version_mismatch");
        await Assertions.Expect(second.GetByTestId("problem")).ToContainTextAsync("The precondition failed.");
        await ScreenshotAsync(second, "team-policy-stale");
        await second.GetByTestId("policy-reload").ClickAsync();
        await Assertions.Expect(second.GetByTestId("policy-version")).ToContainTextAsync($"Version {version + 1}");
        await Assertions.Expect(second.GetByTestId("max-runners")).ToHaveValueAsync("11");
    }

    [Test]
    public async Task A_machine_identity_is_built_with_the_github_helper_and_a_conflicting_one_is_a_security_event()
    {
        var page = await SignInAsync("admin", "/teams/web");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Machine identities" }).ClickAsync();

        await CreateIdentityAsync(page, "web-main", "web");
        await Assertions.Expect(page.GetByTestId("identities")).ToContainTextAsync("repo:acme/web:ref:refs/heads/main");
        await Assertions.Expect(page.GetByTestId("identities")).ToContainTextAsync("repository_owner = acme");
        await ScreenshotAsync(page, "team-identities");

        // The demo's platform identity answers to the same subject: the service refuses and records a security event.
        await CreateIdentityAsync(page, "steal-platform", "platform");
        await Assertions.Expect(page.GetByTestId("problem")).ToContainTextAsync("machine_identity.subject_conflict");

        await page.GetByRole(AriaRole.Link, new() { Name = "Security events" }).ClickAsync();
        var grid = page.GetByTestId("security-grid");
        await Assertions.Expect(grid).ToContainTextAsync("machine_identity.subject_conflict");
        await page.GetByTestId("security-details").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("security-detail")).ToContainTextAsync("conflictingMachineIdentityIds");
        await ScreenshotAsync(page, "security-events");
    }

    [Test]
    public async Task A_member_sees_the_team_read_only_and_is_refused_the_admin_pages()
    {
        var page = await SignInAsync("member", "/teams/web");

        await Assertions.Expect(page.GetByTestId("members")).ToContainTextAsync("Max Member");
        await Assertions.Expect(page.GetByTestId("member-add")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Machine identities" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("team-deactivate")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Label policy" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("required-labels")).ToHaveAttributeAsync("readonly", new Regex(".*"));
        await Assertions.Expect(page.GetByTestId("policy-save")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);

        await page.GotoAsync("/users");
        await WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("problem")).ToContainTextAsync("auth.admin_required");
        await Assertions.Expect(page.GetByTestId("users-grid")).ToHaveCountAsync(0);
        await page.GotoAsync("/security-events");
        await WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("problem")).ToContainTextAsync("auth.admin_required");
    }

    [TestCase("admin", "/users", null, "users")]
    [TestCase("admin", "/security-events", null, null)]
    [TestCase("member", "/users", null, null)]
    [TestCase("admin", "/teams/platform", "Members", "team-members")]
    [TestCase("admin", "/teams/platform", "Label policy", null)]
    [TestCase("admin", "/teams/platform", "Dry run and quota", "team-dry-run")]
    [TestCase("admin", "/teams/platform", "Machine identities", null)]
    [TestCase("member", "/teams/web", "Label policy", null)]
    public async Task Each_new_page_has_no_serious_accessibility_violations(string persona, string path, string? tab, string? screenshot)
    {
        var page = await SignInAsync(persona, path);
        if (tab is not null)
        {
            await page.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
        }

        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (tab == "Dry run and quota")
        {
            await page.GetByTestId("dry-run-labels").FillAsync("large, gpu-a100, arm64");
            await page.GetByTestId("dry-run").ClickAsync();
            await page.GetByTestId("dry-run-verdict").WaitForAsync();
        }

        if (screenshot is not null)
        {
            await ScreenshotAsync(page, screenshot);
        }

        await AssertAccessibleAsync(page);
    }

    private async Task<IPage> OpenPolicyAsync()
    {
        var page = await SignInAsync("admin", "/teams/platform");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Label policy" }).ClickAsync();
        await page.GetByTestId("policy-version").WaitForAsync();
        return page;
    }

    private static async Task CreateIdentityAsync(IPage page, string name, string repository)
    {
        await page.GetByTestId("identity-new").ClickAsync();
        await page.GetByTestId("identity-name").FillAsync(name);
        await page.Locator(".mud-select").Filter(new() { Has = page.GetByTestId("identity-issuer") }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = DevelopmentPersona.Issuer }).ClickAsync();
        await page.GetByText("Build the conditions of a GitHub Actions workflow").ClickAsync();
        // Typed into only once the panel has opened: fields filled while it was still animating open now and then
        // left "Use these conditions" without effect (the subject stayed empty).
        await page.Locator("[data-testid=github-helper] .mud-collapse-entered").WaitForAsync();
        await page.GetByTestId("gh-owner").FillAsync("acme");
        await page.GetByTestId("gh-repository").FillAsync(repository);
        await page.GetByTestId("gh-branch").FillAsync("main");
        await page.GetByTestId("gh-apply").ClickAsync();
        await Assertions.Expect(page.GetByTestId("identity-subject")).ToHaveValueAsync($"repo:acme/{repository}:ref:refs/heads/main");
        await page.GetByTestId("identity-create").ClickAsync();
    }
}
