using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RunnerTokens.Api.FunctionalTests.Infrastructure;

/// <summary>Assertions on API responses; failures show the response body.</summary>
public static class HttpAssertions
{
    /// <summary>Asserts an RFC 9457 problem with this status and <c>errorCode</c>; returns its JSON.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? errorCode = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, $"Response body: {body}");
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", $"Response body: {body}");
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        problem.TryGetProperty("traceId", out _).ShouldBeTrue("every problem carries a traceId");
        if (errorCode is not null)
        {
            problem.GetProperty("errorCode").GetString().ShouldBe(errorCode, $"Response body: {body}");
        }

        return problem;
    }

    /// <summary>Asserts a 401 problem with a <c>WWW-Authenticate: Bearer ...</c> challenge.</summary>
    public static async Task<JsonElement> ShouldBeUnauthorizedAsync(this HttpResponseMessage response, string errorCode, bool invalidToken = true)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, errorCode);
        var challenge = response.Headers.WwwAuthenticate.ShouldHaveSingleItem();
        challenge.Scheme.ShouldBe("Bearer");
        if (invalidToken)
        {
            challenge.Parameter.ShouldNotBeNull().ShouldContain("error=\"invalid_token\"");
        }
        else
        {
            challenge.Parameter.ShouldBeNull();
        }

        return problem;
    }

    /// <summary>Asserts the status and reads the JSON body as <typeparamref name="T"/>.</summary>
    public static async Task<T> ShouldBeJsonAsync<T>(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
        where T : class
    {
        if (response.StatusCode != status)
        {
            Assert.Fail($"Expected {(int)status} but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<T>(TestJson.Options)).ShouldNotBeNull();
    }

    /// <summary>Asserts the status and returns the JSON body as a detached <see cref="JsonElement"/>.</summary>
    public static async Task<JsonElement> ShouldBeJsonAsync(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != status)
        {
            Assert.Fail($"Expected {(int)status} but got {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
