using System.Net;
using System.Text.RegularExpressions;
using RunnerTokens.Web.Tests.Browser;

namespace RunnerTokens.Web.Tests.Hosting;

/// <summary>
/// Two replicas on one database share the data-protection key ring (table DataProtectionKeys, one application name),
/// so a dashboard session cookie issued by one is accepted by the other; a host on another database refuses it.
/// </summary>
[NonParallelizable]
public sealed partial class SharedSessionTests
{
    [Test]
    public async Task A_session_cookie_issued_by_one_replica_is_accepted_by_another_on_the_same_database()
    {
        await using var first = new DashboardHost();
        first.Start();
        await using var second = new DashboardHost(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RunnerTokens"] = first.ConnectionString,
            ["Dashboard:DemoSeed"] = "false",
        });
        second.Start();
        await using var elsewhere = new DashboardHost(new Dictionary<string, string?> { ["Dashboard:DemoSeed"] = "false" });
        elsewhere.Start();

        var cookie = await SignInAsync(first.Address, "admin");

        var (status, _, page) = await GetAsync(second.Address + "/runners", cookie);
        status.ShouldBe(HttpStatusCode.OK);
        page.ShouldContain("Ada Admin (admin)");

        // Control: a host with its own key ring cannot read the cookie and sends the visitor to sign in.
        var (elsewhereStatus, location, _) = await GetAsync(elsewhere.Address + "/runners", cookie);
        elsewhereStatus.ShouldBe(HttpStatusCode.Redirect);
        location.ShouldNotBeNull();
        location.AbsolutePath.ShouldBe("/signin");
    }

    /// <summary>Development sign-in at <paramref name="address"/>; the dashboard session cookie it sets, as a Cookie header value.</summary>
    private static async Task<string> SignInAsync(string address, string persona)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(address) };
        var form = await client.GetStringAsync("/signin/dev");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        token.ShouldNotBeNullOrEmpty();

        var response = await client.PostAsync("/signin/dev", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["persona"] = persona,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var session = cookies.GetCookies(new Uri(address)).Single(c => c.Name == "RunnerTokens.Dashboard");
        return $"{session.Name}={session.Value}";
    }

    private static async Task<(HttpStatusCode Status, Uri? Location, string Body)> GetAsync(string url, string cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Headers.Location, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
