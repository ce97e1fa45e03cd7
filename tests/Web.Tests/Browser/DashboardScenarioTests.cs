using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RunnerTokens.Web.Tests.Browser;

/// <summary>End to end in Chromium against the real host, on the Development demo (teams platform and web).</summary>
[NonParallelizable]
public sealed class DashboardScenarioTests : BrowserTestBase
{
    [Test]
    public async Task A_member_provisions_a_jit_runner_copies_its_config_and_deletes_it()
    {
        var page = await SignInAsync("member", "/runners/provision");

        await page.GetByTestId("labels").FillAsync("small, node-20");
        await Assertions.Expect(page.GetByTestId("preview-labels")).ToContainTextAsync("node-20");
        await Assertions.Expect(page.GetByTestId("preview-verdict")).ToContainTextAsync("Admitted");
        await page.GetByTestId("name").FillAsync("e2e");
        await page.GetByTestId("provision").ClickAsync();

        await Assertions.Expect(page.GetByTestId("one-time-warning")).ToContainTextAsync("shown once");
        var config = await page.GetByTestId("jit-config").InputValueAsync();
        config.ShouldNotBeNullOrWhiteSpace();
        await page.GetByTestId("copy-config").ClickAsync();
        (await ClipboardAsync(page)).ShouldBe(config);
        await ScreenshotAsync(page, "provisioned");

        await page.GetByTestId("provisioned").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByTestId("runner-status")).ToHaveTextAsync("Pending");
        await Assertions.Expect(page.GetByTestId("final-labels")).ToHaveTextAsync("web, small, node-20");
        await page.GetByTestId("delete").ClickAsync();
        await Assertions.Expect(page.GetByTestId("runner-status")).ToHaveTextAsync("Deleted");
    }

    [Test]
    public async Task A_refused_provisioning_shows_every_violation()
    {
        var page = await SignInAsync("member", "/runners/provision");

        await page.GetByTestId("name").FillAsync("refused");
        await page.GetByTestId("labels").FillAsync("gpu-a100, large");
        await Assertions.Expect(page.GetByTestId("preview-violations").Locator("li")).ToHaveCountAsync(2);
        await ScreenshotAsync(page, "provision-preview");
        await page.GetByTestId("provision").ClickAsync();

        var problem = page.GetByTestId("problem");
        await Assertions.Expect(problem).ToContainTextAsync("runner.label_not_allowed");
        await Assertions.Expect(problem.Locator("li")).ToHaveCountAsync(2);
    }

    [Test]
    public async Task A_member_cannot_open_another_teams_runner_by_url()
    {
        var admin = await SignInAsync("admin", "/runners?team=platform");
        var link = admin.GetByTestId("runners-grid").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^demo-platform") }).First;
        var href = await link.GetAttributeAsync("href");
        href.ShouldNotBeNull();

        var member = await SignInAsync("member", href);

        await Assertions.Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
        await Assertions.Expect(member.GetByTestId("problem")).ToContainTextAsync("runner.not_found");
    }

    [Test]
    public async Task A_maintainer_dry_runs_a_bulk_deletion_and_cancels_it()
    {
        var page = await SignInAsync("admin", "/runners?team=platform");
        var boxes = page.GetByTestId("runners-grid").Locator("tbody input[type=checkbox]");
        await Assertions.Expect(boxes).ToHaveCountAsync(2);
        await boxes.Nth(0).CheckAsync();
        await boxes.Nth(1).CheckAsync();

        await page.GetByTestId("bulk-delete-selected").ClickAsync();

        var dryRun = page.GetByTestId("bulk-dry-run");
        await Assertions.Expect(dryRun).ToContainTextAsync("Delete 2 runners?");
        await Assertions.Expect(dryRun.GetByTestId("bulk-would-delete").Locator("li")).ToHaveCountAsync(2);
        await ScreenshotAsync(page, "runners-bulk-dry-run");
        await AssertAccessibleAsync(page);
        await page.GetByTestId("bulk-cancel").ClickAsync();
        await Assertions.Expect(dryRun).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("runner-status")).ToHaveCountAsync(2);
        (await page.GetByTestId("runner-status").AllInnerTextsAsync()).ShouldNotContain("Deleted");
    }

    [TestCase("admin", "/", "overview")]
    [TestCase("member", "/", "overview-member")]
    [TestCase("admin", "/runners", "runners")]
    [TestCase("member", "/runners/provision", "provision")]
    [TestCase("admin", "/teams", "teams")]
    [TestCase("member", "/teams/web", "team")]
    [TestCase("admin", "/audit", "audit")]
    public async Task Each_page_has_no_serious_accessibility_violations(string persona, string path, string name)
    {
        var page = await SignInAsync(persona, path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await ScreenshotAsync(page, name);
        await AssertAccessibleAsync(page);
    }
}
