using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace RunnerTokens.Web.Tests.Browser;

/// <summary>
/// Debian's <c>chromium</c> (Playwright's own browser download is not available here) against a <see cref="DashboardHost"/>.
/// Without <c>/usr/bin/chromium</c> the tests are skipped with the reason (scripts/test.sh installs it as root).
/// </summary>
public abstract class BrowserTestBase
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly List<string> _browserConsole = [];
    private IPlaywright? _playwright;

    protected DashboardHost Host { get; private set; } = null!;

    protected IBrowser Browser { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Ignore($"Browser tests need Debian's chromium at {ChromiumPath} (apt-get install chromium); it is not installed.");
        }

        Host = await CreateHostAsync();
        Host.Start();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Args = ["--no-sandbox"],
            Headless = true,
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }

    /// <summary>
    /// After each test: a failed test leaves a screenshot and the HTML of every page it opened (attached to the result,
    /// so a flaky failure in CI shows what the browser showed); then its browser contexts are closed, so their circuits
    /// do not stay open on the host for the rest of the fixture.
    /// </summary>
    [TearDown]
    public async Task CloseContextsAsync()
    {
        if (Browser is null)
        {
            return;
        }

        var failed = TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed;
        lock (_browserConsole)
        {
            if (failed)
            {
                TestContext.Out.WriteLine("Browser console:" + Environment.NewLine + string.Join(Environment.NewLine, _browserConsole));
            }

            _browserConsole.Clear();
        }

        var contexts = Browser.Contexts.ToList();
        for (var c = 0; c < contexts.Count; c++)
        {
            if (failed)
            {
                await SaveEvidenceAsync(contexts[c], c);
            }

            await contexts[c].CloseAsync();
        }
    }

    private static async Task SaveEvidenceAsync(IBrowserContext context, int index)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "failures");
        Directory.CreateDirectory(folder);
        var pages = context.Pages.ToList();
        for (var p = 0; p < pages.Count; p++)
        {
            var stem = Path.Combine(folder, $"{TestContext.CurrentContext.Test.MethodName}-{index}-{p}");
            try
            {
                await pages[p].ScreenshotAsync(new() { Path = stem + ".png", FullPage = true, Timeout = 10_000 });
                await File.WriteAllTextAsync(stem + ".html", $"<!-- {pages[p].Url} -->\n" + await pages[p].ContentAsync());
                TestContext.AddTestAttachment(stem + ".png");
                TestContext.AddTestAttachment(stem + ".html");
                await TestContext.Out.WriteLineAsync($"Failure evidence: {stem}.png and .html ({pages[p].Url})");
            }
            catch (PlaywrightException ex)
            {
                await TestContext.Out.WriteLineAsync($"No evidence of page {p} in context {index}: {ex.Message}");
            }
        }
    }

    /// <summary>The host under test; the Development host with its demo unless a fixture needs other settings.</summary>
    protected virtual Task<DashboardHost> CreateHostAsync() => Task.FromResult(new DashboardHost());

    /// <summary>A fresh browser context signed in with the Development sign-in as <paramref name="persona"/>.</summary>
    protected async Task<IPage> SignInAsync(string persona, string returnUrl = "/")
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = Host.Address, ViewportSize = new() { Width = 1366, Height = 860 } });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = Host.Address });
        var page = await context.NewPageAsync();
        page.Console += (_, message) => NoteConsole($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => NoteConsole($"page error: {error}");
        await page.GotoAsync(returnUrl);
        await page.WaitForURLAsync("**/signin/dev**");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex(persona == "admin" ? "Ada Admin" : "Max Member") }).ClickAsync();
        await page.GetByTestId("signed-in-as").WaitForAsync();
        await WaitForCircuitAsync(page);
        return page;
    }

    private void NoteConsole(string line)
    {
        lock (_browserConsole)
        {
            _browserConsole.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        }
    }

    /// <summary>Waits until the interactive circuit is up (the page answers clicks), not only the prerendered HTML.</summary>
    protected static async Task WaitForCircuitAsync(IPage page) =>
        await page.Locator("[data-testid=main][data-interactive=true]").WaitForAsync();

    /// <summary>The clipboard once the copy (a round trip over the circuit to the browser) has landed, or "" after 15 s.</summary>
    protected static async Task<string> ClipboardAsync(IPage page)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var text = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
            if (!string.IsNullOrEmpty(text))
            {
                return text;
            }

            await Task.Delay(250);
        }

        return string.Empty;
    }

    /// <summary>No serious or critical axe violations on the current page.</summary>
    protected static async Task AssertAccessibleAsync(IPage page)
    {
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ShouldBeEmpty();
    }

    /// <summary>
    /// A full-page screenshot; into docs/images when <c>RUNNERTOKENS_UPDATE_SCREENSHOTS=1</c> (to refresh the documented
    /// screenshots), else into the test output.
    /// </summary>
    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("RUNNERTOKENS_UPDATE_SCREENSHOTS") == "1" && RepositoryRoot() is { } root
            ? Path.Combine(root, "docs", "images")
            : Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"dashboard-{name}.png"), FullPage = true });
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunnerTokens.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
