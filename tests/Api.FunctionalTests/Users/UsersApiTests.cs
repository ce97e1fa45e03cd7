using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Users;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Api.FunctionalTests.Users;

/// <summary>The users admin API end to end: every endpoint, admins versus others, bad input, audit rows.</summary>
public sealed class UsersApiTests : FunctionalTestBase
{
    private SeededUser _admin = null!;
    private SeededUser _member = null!;

    [OneTimeSetUp]
    public async Task Seed()
    {
        _admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        _member = await Factory.SeedUserAsync(Unique("member"));
    }

    [Test]
    public async Task An_admin_pre_registers_a_user_and_it_is_audited_with_the_after_state()
    {
        var email = $"{Unique("new")}@Example.com";

        var response = await ClientFor(_admin).PostAsJsonAsync("/api/v1/users", new { email, displayName = "  New Person " });

        var created = await response.ShouldBeJsonAsync<UserDto>(HttpStatusCode.Created);
        response.Headers.Location.ShouldNotBeNull().ToString().ShouldEndWith($"/api/v1/users/{created.Id}");
        created.Email.ShouldBe(email.ToLowerInvariant());
        created.DisplayName.ShouldBe("New Person");
        created.IsActive.ShouldBeTrue();
        created.IsAdmin.ShouldBeFalse();
        created.Issuer.ShouldBeNull();

        var audit = (await AuditOfAsync(created.Id)).ShouldHaveSingleItem();
        audit.Action.ShouldBe("user.created");
        audit.ActorId.ShouldBe(_admin.Id.ToString());
        audit.ActorKind.ShouldBe(PrincipalKind.User);
        audit.Outcome.ShouldBe(AuditOutcome.Succeeded);
        using var details = JsonDocument.Parse(audit.DetailsJson);
        details.RootElement.GetProperty("before").ValueKind.ShouldBe(JsonValueKind.Null);
        details.RootElement.GetProperty("after").GetProperty("email").GetString().ShouldBe(email.ToLowerInvariant());
    }

    [Test]
    public async Task An_admin_pre_registers_an_admin_by_issuer_and_subject()
    {
        var subject = Unique("sub");

        var created = await (await ClientFor(_admin).PostAsJsonAsync("/api/v1/users",
                new { issuer = Issuers.Secondary.IssuerId, subject, isAdmin = true }))
            .ShouldBeJsonAsync<UserDto>(HttpStatusCode.Created);

        created.Issuer.ShouldBe(Issuers.Secondary.IssuerId);
        created.Subject.ShouldBe(subject);
        created.IsAdmin.ShouldBeTrue();
        created.DisplayName.ShouldBe(subject);
    }

    [Test]
    public async Task Registering_the_same_identity_or_email_twice_is_a_409()
    {
        var subject = Unique("dup");
        var email = $"{subject}@example.com";
        var client = ClientFor(_admin);
        (await client.PostAsJsonAsync("/api/v1/users", new { issuer = Issuers.Primary.IssuerId, subject, email }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        await (await client.PostAsJsonAsync("/api/v1/users", new { issuer = Issuers.Primary.IssuerId, subject }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "user.duplicate");
        await (await client.PostAsJsonAsync("/api/v1/users", new { email = email.ToUpperInvariant() }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "user.duplicate");
    }

    [Test]
    public async Task A_user_for_an_untrusted_issuer_cannot_be_registered()
    {
        await (await ClientFor(_admin).PostAsJsonAsync("/api/v1/users", new { issuer = Issuers.Untrusted.IssuerId, subject = "x" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "user.issuer_not_trusted");
    }

    [Test]
    public async Task An_admin_reads_a_user_and_gets_404_for_an_unknown_id()
    {
        var user = await (await ClientFor(_admin).GetAsync($"/api/v1/users/{_member.Id}")).ShouldBeJsonAsync<UserDto>();
        user.Email.ShouldBe(_member.Email);
        user.Subject.ShouldBe(_member.Subject);

        await (await ClientFor(_admin).GetAsync($"/api/v1/users/{Guid.NewGuid()}"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");
    }

    [Test]
    public async Task An_admin_changes_a_user_and_the_change_is_audited_with_before_and_after()
    {
        var target = await Factory.SeedUserAsync(Unique("target"));

        var updated = await (await ClientFor(_admin).PatchAsJsonAsync($"/api/v1/users/{target.Id}",
                new { displayName = "Renamed", isAdmin = true }))
            .ShouldBeJsonAsync<UserDto>();

        updated.DisplayName.ShouldBe("Renamed");
        updated.IsAdmin.ShouldBeTrue();
        updated.IsActive.ShouldBeTrue();
        var audit = (await AuditOfAsync(target.Id)).ShouldHaveSingleItem();
        audit.Action.ShouldBe("user.updated");
        using var details = JsonDocument.Parse(audit.DetailsJson);
        details.RootElement.GetProperty("before").GetProperty("displayName").GetString().ShouldBe(target.DisplayName);
        details.RootElement.GetProperty("before").GetProperty("isAdmin").GetBoolean().ShouldBeFalse();
        details.RootElement.GetProperty("after").GetProperty("displayName").GetString().ShouldBe("Renamed");
        details.RootElement.GetProperty("after").GetProperty("isAdmin").GetBoolean().ShouldBeTrue();
    }

    [Test]
    public async Task A_deactivated_user_can_be_reactivated_and_signs_in_again()
    {
        var target = await Factory.SeedUserAsync(Unique("target"));
        var client = ClientFor(_admin);

        (await (await client.PatchAsJsonAsync($"/api/v1/users/{target.Id}", new { isActive = false })).ShouldBeJsonAsync<UserDto>())
            .IsActive.ShouldBeFalse();
        await (await ClientFor(target).GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.deactivated");

        (await (await client.PatchAsJsonAsync($"/api/v1/users/{target.Id}", new { isActive = true })).ShouldBeJsonAsync<UserDto>())
            .IsActive.ShouldBeTrue();
        (await ClientFor(target).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AuditOfAsync(target.Id)).Select(a => a.Action).ShouldBe(["user.updated", "user.updated"]);
    }

    [Test]
    public async Task A_change_to_the_current_values_writes_no_audit_row()
    {
        var target = await Factory.SeedUserAsync(Unique("target"));

        (await ClientFor(_admin).PatchAsJsonAsync($"/api/v1/users/{target.Id}", new { isActive = true, isAdmin = false }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        (await AuditOfAsync(target.Id)).ShouldBeEmpty();
    }

    [Test]
    public async Task Patching_an_unknown_user_is_a_404()
    {
        await (await ClientFor(_admin).PatchAsJsonAsync($"/api/v1/users/{Guid.NewGuid()}", new { displayName = "x" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");
    }

    [TestCase("GET", "/api/v1/users", null)]
    [TestCase("GET", "/api/v1/users/{member}", null)]
    [TestCase("POST", "/api/v1/users", """{"email":"someone@example.com"}""")]
    [TestCase("PATCH", "/api/v1/users/{member}", """{"isAdmin":true}""")]
    public async Task A_non_admin_gets_403_on_every_users_endpoint(string method, string path, string? body)
    {
        var response = await ClientFor(_member).SendAsync(Request(method, path, body));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.admin_required");
    }

    [TestCase("GET", "/api/v1/users", null)]
    [TestCase("GET", "/api/v1/users/{member}", null)]
    [TestCase("POST", "/api/v1/users", """{"email":"someone@example.com"}""")]
    [TestCase("PATCH", "/api/v1/users/{member}", """{"isAdmin":true}""")]
    public async Task An_anonymous_caller_gets_401_on_every_users_endpoint(string method, string path, string? body)
    {
        var response = await Anonymous().SendAsync(Request(method, path, body));

        await response.ShouldBeUnauthorizedAsync("auth.unauthenticated", invalidToken: false);
    }

    [TestCase("POST", "/api/v1/users", "{not json")]
    [TestCase("POST", "/api/v1/users", "")]
    [TestCase("POST", "/api/v1/users", "null")]
    [TestCase("POST", "/api/v1/users", "[]")]
    [TestCase("POST", "/api/v1/users", """{"email":42}""")]
    [TestCase("POST", "/api/v1/users", """{"email":"a@b.c","isAdmin":"yes"}""")]
    [TestCase("POST", "/api/v1/users", """{}""")]
    [TestCase("POST", "/api/v1/users", """{"email":"not-an-email"}""")]
    [TestCase("POST", "/api/v1/users", """{"subject":"lonely"}""")]
    [TestCase("POST", "/api/v1/users", """{"issuer":"https://issuer.example"}""")]
    [TestCase("PATCH", "/api/v1/users/{member}", "{not json")]
    [TestCase("PATCH", "/api/v1/users/{member}", "{}")]
    [TestCase("PATCH", "/api/v1/users/{member}", """{"isActive":"no"}""")]
    [TestCase("PATCH", "/api/v1/users/{member}", """{"displayName":"   "}""")]
    [TestCase("PATCH", "/api/v1/users/not-a-guid", """{"displayName":"x"}""")]
    [TestCase("GET", "/api/v1/users/not-a-guid", null)]
    [TestCase("GET", "/api/v1/users?limit=abc", null)]
    [TestCase("GET", "/api/v1/users?limit=0", null)]
    [TestCase("GET", "/api/v1/users?limit=100000", null)]
    [TestCase("GET", "/api/v1/users?active=maybe", null)]
    [TestCase("GET", "/api/v1/users?admin=2", null)]
    [TestCase("GET", "/api/v1/users?cursor=not-a-cursor", null)]
    public async Task Malformed_bodies_and_parameters_get_a_400_problem(string method, string path, string? body)
    {
        var response = await ClientFor(_admin).SendAsync(Request(method, path, body));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task A_display_name_longer_than_200_characters_is_a_validation_problem_naming_the_field()
    {
        var response = await ClientFor(_admin).PatchAsJsonAsync($"/api/v1/users/{_member.Id}", new { displayName = new string('x', 201) });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        problem.GetProperty("errors").TryGetProperty("displayName", out _).ShouldBeTrue();
    }

    [Test]
    public async Task The_list_pages_newest_first_without_gaps_or_repeats_and_filters()
    {
        var tag = Unique("pagetest");
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var user = await (await ClientFor(_admin).PostAsJsonAsync("/api/v1/users",
                    new { email = $"{tag}-{i}@example.com", displayName = $"Paged {tag.ToUpperInvariant()} {i}", isAdmin = i == 4 }))
                .ShouldBeJsonAsync<UserDto>(HttpStatusCode.Created);
            created.Add(user.Id);
        }

        var seen = new List<UserDto>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/api/v1/users?text={tag}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = await (await ClientFor(_admin).GetAsync(url)).ShouldBeJsonAsync<Page<UserDto>>();
            page.Items.Count.ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        pages.ShouldBe(3);
        seen.Select(u => u.Id).ShouldBe(Enumerable.Reverse(created), "newest first, each exactly once");

        var admins = await (await ClientFor(_admin).GetAsync($"/api/v1/users?text={tag}&admin=true")).ShouldBeJsonAsync<Page<UserDto>>();
        admins.Items.ShouldHaveSingleItem().Id.ShouldBe(created[4]);
        var byDisplayName = await (await ClientFor(_admin).GetAsync($"/api/v1/users?text=paged%20{tag}%203")).ShouldBeJsonAsync<Page<UserDto>>();
        byDisplayName.Items.ShouldHaveSingleItem().Id.ShouldBe(created[3]);
        var inactive = await (await ClientFor(_admin).GetAsync($"/api/v1/users?text={tag}&active=false")).ShouldBeJsonAsync<Page<UserDto>>();
        inactive.Items.ShouldBeEmpty();
        inactive.NextCursor.ShouldBeNull();
    }

    private HttpRequestMessage Request(string method, string path, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{member}", _member.Id.ToString(), StringComparison.Ordinal));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return request;
    }

    private Task<List<AuditEvent>> AuditOfAsync(Guid userId) =>
        Factory.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.TargetType == "user" && e.TargetId == userId.ToString())
            .OrderBy(e => e.OccurredAt)
            .ToListAsync());
}
