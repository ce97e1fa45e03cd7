using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Playwright;
using RunnerTokens.Application.Identity.GetCurrentPrincipal;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Web.Tests.Browser;

/// <summary>
/// Scenario 1: the dashboard signs people in with OpenID Connect (code + PKCE) against a real provider
/// (<see cref="TestOpenIdProvider"/>) that is also one of the API's bearer issuers, so a person is the same principal in
/// the dashboard and the API.
/// </summary>
[NonParallelizable]
public sealed class OpenIdConnectSignInTests : BrowserTestBase
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private TestOpenIdProvider _provider = null!;

    protected override async Task<DashboardHost> CreateHostAsync()
    {
        _provider = await TestOpenIdProvider.StartAsync();
        return new DashboardHost(new Dictionary<string, string?>
        {
            ["Dashboard:Authority"] = _provider.Address,
            ["Dashboard:ClientId"] = TestOpenIdProvider.ClientId,
            ["Dashboard:RequireHttpsMetadata"] = "false",
            ["Authentication:Issuers:0:Name"] = "test-idp",
            ["Authentication:Issuers:0:Authority"] = _provider.Address,
            ["Authentication:Issuers:0:Issuer"] = _provider.Issuer,
            ["Authentication:Issuers:0:Audiences:0"] = TestOpenIdProvider.ApiAudience,
            ["Authentication:Issuers:0:RequireHttpsMetadata"] = "false",
            ["Authentication:Issuers:0:Purpose"] = "Users",
            ["Authorization:BootstrapAdmins:0"] = $"sub:{_provider.Issuer}|alice",
        });
    }

    [OneTimeTearDown]
    public async Task StopProviderAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    [Test]
    public async Task A_person_signs_in_at_the_provider_and_is_the_same_principal_as_with_their_bearer_tokens()
    {
        var (context, page) = await SignInAtProviderAsync("alice", "/runners");

        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("Alice Admin (admin)");
        page.Url.ShouldBe(Host.Address + "/runners");
        await WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Runners");

        // The tokens stayed on the server: not in a cookie, the page or the browser's storage.
        var issued = _provider.IssuedTokens.ToList();
        issued.ShouldNotBeEmpty();
        var cookies = await context.CookiesAsync();
        cookies.ShouldContain(c => c.Name == "RunnerTokens.Dashboard" && c.HttpOnly);
        var visible = string.Join('\n', cookies.Select(c => c.Value))
            + await page.ContentAsync()
            + await page.EvaluateAsync<string>("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)");
        foreach (var token in issued)
        {
            visible.ShouldNotContain(token);
            visible.ShouldNotContain(token.Split('.')[^1]);
        }

        // The API resolves the person's access token (same provider) to the very user the dashboard signed in.
        var accessToken = issued.Single(t => new JsonWebToken(t).Audiences.Contains(TestOpenIdProvider.ApiAudience));
        using var api = new HttpClient { BaseAddress = new Uri(Host.Address) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var me = await api.GetFromJsonAsync<CurrentPrincipalDto>("/api/v1/me", Json);
        await using var scope = Host.Services.CreateAsyncScope();
        var users = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AsNoTracking()
            .Where(u => u.Issuer == _provider.Issuer).ToListAsync();
        var alice = users.ShouldHaveSingleItem();
        alice.Subject.ShouldBe("alice");
        alice.IsAdmin.ShouldBeTrue();
        me.ShouldNotBeNull();
        me.Id.ShouldBe(alice.Id);
        me.IsAdmin.ShouldBeTrue();
        await context.CloseAsync();
    }

    [Test]
    public async Task A_person_without_an_account_gets_the_unknown_principal_page()
    {
        var (context, page) = await SignInAtProviderAsync("nobody", "/");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You cannot use the dashboard");
        var problem = page.GetByTestId("problem");
        await Assertions.Expect(problem).ToContainTextAsync("principal.unknown");
        await Assertions.Expect(problem).ToContainTextAsync("Ask an administrator to register you");
        (await page.ContentAsync()).ShouldNotContain("Exception");
        await ScreenshotAsync(page, "unknown-principal");
        await context.CloseAsync();
    }

    /// <summary>Opens <paramref name="path"/>, is sent to the provider, logs in there and comes back signed in.</summary>
    private async Task<(IBrowserContext Context, IPage Page)> SignInAtProviderAsync(string login, string path)
    {
        _provider.RedirectUri = Host.Address + "/signin-oidc";
        var context = await Browser.NewContextAsync(new() { BaseURL = Host.Address, ViewportSize = new() { Width = 1366, Height = 860 } });
        // The first visit crosses two cold hosts (the dashboard's challenge reads the provider's discovery document and
        // keys): on a loaded machine that can take longer than Playwright's default 30 s.
        context.SetDefaultNavigationTimeout(120_000);
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.WaitForURLAsync(_provider.Address + "/connect/authorize**");
        (await page.ContentAsync()).ShouldContain("code_challenge");
        await page.GetByLabel("Login").FillAsync(login);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(Host.Address + path);
        return (context, page);
    }
}
