using System.Net;
using System.Text;
using System.Text.Json;
using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Api.FunctionalTests.Errors;

/// <summary>
/// Every endpoint, found from the OpenAPI document so new ones are covered without editing this test:
/// malformed JSON bodies, bodies of the wrong JSON kind and unparsable query parameters give a 400 problem,
/// never a 500. Sent as an admin, so authorization cannot hide a binding failure. The GitHub webhook is
/// left out: it authenticates by signature before reading its body (see the webhook tests).
/// </summary>
public sealed class MalformedInputSweepTests : FunctionalTestBase
{
    private static readonly string[] BodyMethods = ["post", "put", "patch"];
    private HttpClient _admin = null!;
    private string _team = null!;
    private JsonElement _paths;

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        var admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        var team = await Factory.SeedTeamAsync(Unique("team"));
        _team = team.Name;
        _admin = ClientFor(admin);
        var document = await (await Anonymous().GetAsync("/openapi/v1.json")).ShouldBeJsonAsync(HttpStatusCode.OK);
        _paths = document.GetProperty("paths").Clone();
    }

    [OneTimeTearDown]
    public void DisposeClient() => _admin.Dispose();

    private IEnumerable<(string Method, string Path, JsonElement Operation)> Operations() =>
        _paths.EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/v1/", StringComparison.Ordinal) && !p.Name.Contains("webhooks", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (o.Name, p.Name, o.Value)));

    private string Concrete(string path) => path
        .Replace("{team}", _team, StringComparison.Ordinal)
        .Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{userId}", Guid.NewGuid().ToString(), StringComparison.Ordinal);

    [TestCase("{\"unterminated\": ")]
    [TestCase("not json at all")]
    [TestCase("[1, 2, 3]")]
    [TestCase("\"a string\"")]
    public async Task Every_body_taking_endpoint_answers_a_400_problem_to_an_unreadable_body(string body)
    {
        var checkedOperations = 0;
        foreach (var (method, path, operation) in Operations().Where(o => BodyMethods.Contains(o.Method) && o.Operation.TryGetProperty("requestBody", out _)))
        {
            var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), Concrete(path))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };

            var response = await _admin.SendAsync(request);

            await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            checkedOperations++;
        }

        checkedOperations.ShouldBeGreaterThan(10, "the sweep must find the API's body-taking endpoints");
    }

    [Test]
    public async Task Every_typed_query_parameter_answers_a_400_problem_to_an_unparsable_value()
    {
        var checkedParameters = 0;
        foreach (var (method, path, operation) in Operations().Where(o => o.Method == "get"))
        {
            if (!operation.TryGetProperty("parameters", out var parameters))
            {
                continue;
            }

            foreach (var parameter in parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query"))
            {
                if (!IsTyped(parameter.GetProperty("schema")))
                {
                    continue;
                }

                var name = parameter.GetProperty("name").GetString();
                var response = await _admin.GetAsync($"{Concrete(path)}?{name}=%E2%9C%97-not-a-value");

                await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
                checkedParameters++;
            }
        }

        checkedParameters.ShouldBeGreaterThan(5, "the sweep must find typed query parameters (limits, statuses, times)");
    }

    /// <summary>Integers, booleans, enums and date-times can be unparsable; free text cannot.</summary>
    private bool IsTyped(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return true; // enums are referenced schemas
        }

        if (schema.TryGetProperty("enum", out _))
        {
            return true;
        }

        if (schema.TryGetProperty("format", out var format) && format.GetString() is "date-time" or "uuid" or "int32" or "int64")
        {
            return true;
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList() : [type.GetString()];
            return types.Any(t => t is "integer" or "boolean" or "number");
        }

        return false;
    }
}
