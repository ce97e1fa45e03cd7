namespace RunnerTokens.Api.FunctionalTests.Dashboard;

/// <summary>The admin pages (users, security events) and the navigation entries each person sees.</summary>
public sealed partial class DashboardInDevelopmentTests
{
    [Test]
    public async Task The_admin_sees_the_users_and_security_events_pages_in_the_navigation()
    {
        using var client = Browser();
        await SignInAsync(client, "admin");

        var overview = await client.GetStringAsync("/");
        overview.ShouldContain("href=\"/users\"");
        overview.ShouldContain("href=\"/security-events\"");

        var users = await client.GetStringAsync("/users");
        users.ShouldContain("data-testid=\"users-grid\"");
        users.ShouldContain("max.member@demo.local");
        (await client.GetStringAsync("/security-events")).ShouldContain("data-testid=\"security-grid\"");
    }

    [Test]
    public async Task A_member_has_no_admin_entries_and_the_server_refuses_the_admin_pages()
    {
        using var client = Browser();
        await SignInAsync(client, "member");

        var overview = await client.GetStringAsync("/");
        overview.ShouldNotContain("href=\"/users\"");
        overview.ShouldNotContain("href=\"/security-events\"");

        var users = await client.GetStringAsync("/users");
        users.ShouldContain("auth.admin_required");
        users.ShouldNotContain("data-testid=\"users-grid\"");
        users.ShouldNotContain("max.member@demo.local");
        var events = await client.GetStringAsync("/security-events");
        events.ShouldContain("auth.admin_required");
        events.ShouldNotContain("data-testid=\"security-grid\"");
    }
}
