using System.Net;
using System.Text.Json;
using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Api.FunctionalTests.Auth;

/// <summary>The OpenAPI document is anonymous and says which operations need a bearer token.</summary>
public sealed class OpenApiSecurityTests : FunctionalTestBase
{
    [Test]
    public async Task The_document_is_anonymous_and_marks_the_identity_endpoints_as_bearer_protected()
    {
        var response = await Anonymous().GetAsync("/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString().ShouldBe("bearer");
        var paths = root.GetProperty("paths");
        foreach (var (path, method) in new[]
                 {
                     ("/api/v1/me", "get"), ("/api/v1/users", "get"), ("/api/v1/users", "post"), ("/api/v1/users/{id}", "patch"),
                     ("/api/v1/teams/{team}/machine-identities", "post"), ("/api/v1/teams/{team}/machine-identities/{id}", "delete"),
                 })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            operation.GetProperty("security")[0].TryGetProperty("Bearer", out _).ShouldBeTrue($"{method} {path} needs a bearer token");
            var responses = operation.GetProperty("responses");
            responses.TryGetProperty("401", out var unauthorized).ShouldBeTrue($"{method} {path} documents 401");
            unauthorized.GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue();
        }
    }
}
