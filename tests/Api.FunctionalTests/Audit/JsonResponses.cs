using System.Net;
using System.Text.Json;

namespace RunnerTokens.Api.FunctionalTests.Audit;

internal static class JsonResponses
{
    /// <summary>Asserts 200 and returns the body as JSON, to check the exact wire names and values.</summary>
    public static async Task<JsonElement> OkJsonAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"Response body: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
