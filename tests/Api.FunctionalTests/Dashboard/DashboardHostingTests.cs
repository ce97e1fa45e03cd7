using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Api.FunctionalTests.Dashboard;

/// <summary>The dashboard at <c>/</c> in Development: the Development sign-in, the demo seed, pages rendered for the signed-in person.</summary>
public sealed partial class DashboardInDevelopmentTests : FunctionalTestBase
{
    protected override ApiFactoryOptions FactoryOptions => new() { Environment = "Development" };

    [Test]
    public async Task An_anonymous_visitor_is_sent_to_the_sign_in()
    {
        using var client = Browser();

        var response = await client.GetAsync("/runners");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldStartWith("http://localhost/signin?ReturnUrl=%2Frunners");
        var signIn = await client.GetAsync("/signin?returnUrl=%2Frunners");
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.Location!.ToString().ShouldBe("/signin/dev?returnUrl=%2Frunners");
    }

    [Test]
    public async Task The_signed_in_admin_sees_the_overview_and_the_demo_runners()
    {
        using var client = Browser();
        await SignInAsync(client, "admin");

        var overview = await client.GetStringAsync("/");
        overview.ShouldContain("Overview</h1>");
        overview.ShouldContain("Ada Admin (admin)");
        overview.ShouldContain("Sync per organization");

        var runners = await client.GetStringAsync("/runners");
        runners.ShouldContain("demo-platform-1");
        runners.ShouldContain("demo-web-3");
        runners.ShouldContain("_framework/blazor.web");
    }

    [Test]
    public async Task The_signed_in_member_sees_only_their_team_and_no_admin_pages()
    {
        using var client = Browser();
        await SignInAsync(client, "member");

        var runners = await client.GetStringAsync("/runners");

        runners.ShouldContain("Max Member");
        runners.ShouldContain("demo-web-3");
        runners.ShouldNotContain("demo-platform-1");
        runners.ShouldNotContain("Sync per organization");
    }

    [Test]
    public async Task Signing_in_as_an_unknown_persona_is_not_found()
    {
        using var client = Browser();
        var token = await AntiforgeryTokenAsync(client);

        var response = await client.PostAsync("/signin/dev", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["persona"] = "root",
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task The_sign_in_never_redirects_off_the_site()
    {
        using var client = Browser();

        var location = await SignInAsync(client, "admin", returnUrl: "//evil.example/steal");

        location.ShouldBe("/");
    }

    private HttpClient Browser() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<string> SignInAsync(HttpClient client, string persona, string returnUrl = "/")
    {
        var token = await AntiforgeryTokenAsync(client);
        var response = await client.PostAsync("/signin/dev", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["persona"] = persona,
            ["returnUrl"] = returnUrl,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return response.Headers.Location!.ToString();
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/signin/dev");
        var token = TokenPattern().Match(page).Groups[1].Value;
        token.ShouldNotBeNullOrEmpty();
        return token;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>Outside Development the Development sign-in does not exist, and there is no demo seed.</summary>
public sealed class DashboardInProductionTests : FunctionalTestBase
{
    protected override ApiFactoryOptions FactoryOptions => new()
    {
        Environment = "Production",
        Settings = new Dictionary<string, string?>
        {
            ["GitHub:AllowSimulatorInProduction"] = "true",
            ["Audit:ChainKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        },
    };

    [TestCase("GET")]
    [TestCase("POST")]
    public async Task The_development_sign_in_is_absent(string method)
    {
        using var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/signin/dev"));

        // No endpoint at all: the fallback policy challenges the anonymous caller as for any unknown path.
        response.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Development sign-in");
    }

    [Test]
    public async Task Without_an_authority_the_sign_in_says_it_is_not_configured()
    {
        using var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/signin");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Dashboard:Authority");
    }

    [Test]
    public async Task There_is_no_demo_seed()
    {
        var teams = await Factory.WithDbAsync(db => Task.FromResult(db.Teams.Count()));

        teams.ShouldBe(0);
    }
}
