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
public sealed partial class MalformedInputSweepTests : FunctionalTestBase
{
    private static readonly string[] BodyMethods = ["post", "put", "patch"];
    private HttpClient _admin = null!;
    private string _team = null!;
    private JsonElement _paths;
    private JsonElement _components;

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        var admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);
        var team = await Factory.SeedTeamAsync(Unique("team"));
        _team = team.Name;
        _admin = ClientFor(admin);
        var document = await (await Anonymous().GetAsync("/openapi/v1.json")).ShouldBeJsonAsync(HttpStatusCode.OK);
        _paths = document.GetProperty("paths").Clone();
        _components = document.GetProperty("components").Clone();
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

    /// <summary>
    /// No controller reads a form (MVC's form value providers are removed, docs/performance.md): a form-encoded body
    /// is refused as a 415 problem on every body-taking endpoint, saying what to send, never bound or read as something else.
    /// </summary>
    [Test]
    public async Task Every_body_taking_endpoint_answers_a_415_problem_to_a_form_body()
    {
        var checkedOperations = 0;
        foreach (var (method, path, operation) in Operations().Where(o => BodyMethods.Contains(o.Method) && o.Operation.TryGetProperty("requestBody", out _)))
        {
            var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), Concrete(path))
            {
                Content = new FormUrlEncodedContent([new("name", "runner-1"), new("team", _team)]),
            };

            var response = await _admin.SendAsync(request);

            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type");
            problem.GetProperty("detail").GetString().ShouldBe("The request body must be JSON, sent with Content-Type: application/json.");
            checkedOperations++;
        }

        checkedOperations.ShouldBeGreaterThan(10, "the sweep must find the API's body-taking endpoints");
    }

    /// <summary>
    /// Issue 15, problem 7: every property of every request body, sent with a value of the wrong JSON kind,
    /// gets a 400 in the wire's language: the error is keyed by the camelCase JSON field, says what the field
    /// takes (an enum's allowed values), names no .NET type, and adds no "field is required" entry.
    /// </summary>
    [Test]
    public async Task Every_request_body_field_of_the_wrong_type_answers_a_400_in_the_wires_language()
    {
        var schemas = _components.GetProperty("schemas");
        var checkedFields = 0;
        var failures = new List<string>();
        foreach (var (method, path, operation) in Operations().Where(o => BodyMethods.Contains(o.Method) && o.Operation.TryGetProperty("requestBody", out _)))
        {
            var content = operation.GetProperty("requestBody").GetProperty("content");
            var json = content.EnumerateObject().First(c => c.Name.Contains("json", StringComparison.Ordinal));
            var body = Resolve(json.Value.GetProperty("schema"), schemas);
            if (!body.TryGetProperty("properties", out var properties))
            {
                continue;
            }

            foreach (var property in properties.EnumerateObject())
            {
                var (wrong, allowed) = WrongValueFor(Resolve(property.Value, schemas));
                var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), Concrete(path))
                {
                    Content = new StringContent($"{{\"{property.Name}\":{wrong}}}", Encoding.UTF8, json.Name),
                };

                var response = await _admin.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                checkedFields++;
                var where = $"{method.ToUpperInvariant()} {path} {{\"{property.Name}\":{wrong}}} -> {(int)response.StatusCode} {text}";
                if (response.StatusCode != HttpStatusCode.BadRequest)
                {
                    failures.Add("not a 400: " + where);
                    continue;
                }

                var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
                var messages = errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString() ?? string.Empty)).ToList();
                if (TypeName().IsMatch(text))
                {
                    failures.Add("names a .NET type: " + where);
                }

                if (!errors.TryGetProperty(property.Name, out _))
                {
                    failures.Add($"no error keyed '{property.Name}': " + where);
                }

                if (messages.Any(m => m.Contains("field is required", StringComparison.Ordinal)))
                {
                    failures.Add("spurious required-field entry: " + where);
                }

                if (allowed.Count > 0 && !allowed.All(a => messages.Any(m => m.Contains(a, StringComparison.Ordinal))))
                {
                    failures.Add($"does not list the allowed values {string.Join(", ", allowed)}: " + where);
                }
            }
        }

        failures.ShouldBeEmpty();
        checkedFields.ShouldBeGreaterThan(20, "the sweep must find the request bodies' fields");
    }

    [Test]
    public async Task A_json_syntax_error_is_one_body_error_with_its_position_and_nothing_else()
    {
        var response = await _admin.PostAsync("/api/v1/teams", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["body"]);
        errors.GetProperty("body")[0].GetString().ShouldNotBeNull().ShouldStartWith("The body is not valid JSON:");
        errors.GetProperty("body")[0].GetString().ShouldNotBeNull().ShouldContain("(line 1, byte");
    }

    [Test]
    public async Task A_missing_field_is_named_in_camel_case()
    {
        var response = await _admin.PostAsync("/api/v1/teams", new StringContent("{\"name\":\"x-team\"}", Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["organization"]);
        problem.GetProperty("errors").GetProperty("organization")[0].GetString().ShouldBe("organization is required.");
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            schema = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        return schema;
    }

    /// <summary>A JSON value this schema does not accept, and the values the error must list (an enum's).</summary>
    private static (string Wrong, IReadOnlyList<string> Allowed) WrongValueFor(JsonElement schema)
    {
        if (schema.TryGetProperty("enum", out var values))
        {
            return ("\"not-a-value\"", [.. values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]);
        }

        var types = !schema.TryGetProperty("type", out var type) ? []
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList() : [type.GetString()];
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return types.Contains("string") && format is null ? ("12345", []) : ("\"\u2717\"", []);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(System|RunnerTokens|Microsoft)\.[A-Z]")]
    private static partial System.Text.RegularExpressions.Regex TypeName();

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
