using System.Text.Json;
using System.Text.RegularExpressions;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.OpenApi;

/// <summary>
/// The schemas of the committed document (<c>docs/openapi/v1.json</c>, equal to the served one: see
/// <see cref="CommittedDocumentTests"/>) say what the wire carries, so generated clients work without workarounds.
/// </summary>
public sealed partial class OpenApiSchemaTests
{
    private static readonly JsonElement Document = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(CommittedDocumentTests.RepositoryRoot(), "docs", "openapi", "v1.json"))).RootElement;

    private static JsonElement Schemas => Document.GetProperty("components").GetProperty("schemas");

    public static IEnumerable<TestCaseData> Enums()
    {
        Type[] enums =
        [
            typeof(RunnerStatus), typeof(RunnerKind), typeof(TeamRole), typeof(PrincipalKind), typeof(TeamAccessLevel),
            typeof(AuditOutcome), typeof(SecuritySeverity), typeof(RunnerDeletionReason),
        ];
        return enums.Select(type => new TestCaseData(type).SetArgDisplayNames(type.Name));
    }

    [TestCaseSource(nameof(Enums))]
    public void Enums_are_strings_with_their_wire_values(Type type)
    {
        var schema = Schemas.GetProperty(type.Name);

        schema.GetProperty("type").GetString().ShouldBe("string");
        schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ShouldBe(
            Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName));
    }

    [Test]
    public void Every_operation_has_a_unique_readable_operation_id_and_a_summary()
    {
        var operations = AllOperations().ToList();
        var ids = operations.Select(o => o.Operation.GetProperty("operationId").GetString()!).ToList();

        ids.ShouldBeUnique();
        ids.ShouldAllBe(id => OperationId().IsMatch(id));
        ids.ShouldContain("provisionJitRunner");
        ids.ShouldContain("listRunners");
        ids.ShouldContain("getRunner");
        ids.ShouldContain("deleteRunner");
        ids.ShouldContain("deleteTeamRunners");
        Operation("/api/v1/runners/{id}", "get").GetProperty("operationId").GetString().ShouldBe("getRunner");
        foreach (var (name, operation) in operations)
        {
            operation.TryGetProperty("summary", out var summary).ShouldBeTrue($"{name} needs an XML <summary> on its action");
            summary.GetString().ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Test]
    public void Every_error_response_is_the_one_problem_schema_in_problem_json_only()
    {
        foreach (var (name, operation) in AllOperations())
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                var content = response.Value.GetProperty("content").EnumerateObject().ToList();
                content.Select(c => c.Name).ShouldBe(["application/problem+json"], $"{name} {response.Name}");
                content[0].Value.GetProperty("schema").GetProperty("$ref").GetString().ShouldBe("#/components/schemas/Problem", $"{name} {response.Name}");
            }
        }
    }

    [Test]
    public void The_problem_schema_has_every_extension_the_service_sends()
    {
        var properties = Schemas.GetProperty("Problem").GetProperty("properties");

        foreach (var name in new[] { "type", "title", "status", "detail", "instance", "errorCode", "traceId", "errors", "violations", "current", "max", "policyVersion", "githubStatus", "ambiguous" })
        {
            properties.TryGetProperty(name, out _).ShouldBeTrue(name);
        }

        Schemas.TryGetProperty("ProblemDetails", out _).ShouldBeFalse("one problem schema");
        Schemas.TryGetProperty("HttpValidationProblemDetails", out _).ShouldBeFalse("one problem schema");
    }

    [Test]
    public void Every_error_code_in_the_sources_is_in_the_catalogue()
    {
        var catalogue = Schemas.GetProperty("Problem").GetProperty("properties").GetProperty("errorCode").GetProperty("enum")
            .EnumerateArray().Select(v => v.GetString()!).ToHashSet(StringComparer.Ordinal);
        var source = Path.Combine(CommittedDocumentTests.RepositoryRoot(), "src");
        var found = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => ErrorCodeLiteral().Matches(File.ReadAllText(file))
                .Concat(file.EndsWith("Errors.cs", StringComparison.Ordinal) ? CodeConstant().Matches(File.ReadAllText(file)) : [])
                .Select(m => (Code: m.Groups["code"].Value, File: Path.GetFileName(file))))
            .ToList();

        found.Count.ShouldBeGreaterThan(50, "the scan should find the error codes");
        found.Where(f => !catalogue.Contains(f.Code)).Select(f => $"{f.Code} ({f.File})").ShouldBeEmpty(
            "every code the service can return is listed on Problem.errorCode: add it to ErrorCodeCatalogue (src/Api/OpenApi) if reflection cannot see it");
        catalogue.ShouldContain("runner.label_not_allowed");
        catalogue.ShouldContain("request.validation_failed");
    }

    [Test]
    public void Integers_are_plain_integers_and_no_dotnet_type_names_leak()
    {
        Walk(Document).Where(IsIntegerOrString).ShouldBeEmpty("integers are documented as integers, not [integer, string]");
        Schemas.EnumerateObject().Select(s => s.Name).ShouldNotContain("JsonElement");
        Schemas.EnumerateObject().Select(s => s.Name).Where(n => n.StartsWith("Page", StringComparison.Ordinal))
            .ShouldAllBe(n => n.StartsWith("PageOf", StringComparison.Ordinal), "one page envelope");
        Document.TryGetProperty("servers", out _).ShouldBeFalse("clients configure the base address");
    }

    [Test]
    public void Request_schemas_require_what_the_service_requires()
    {
        var role = Schemas.GetProperty("SetTeamMemberRequest");
        role.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ShouldBe(["role"]);
        role.GetProperty("properties").GetProperty("role").GetProperty("$ref").GetString().ShouldBe("#/components/schemas/TeamRole", "null is refused");

        Schemas.GetProperty("ProvisionJitRunnerRequest").TryGetProperty("required", out _).ShouldBeFalse("every field may be omitted");
        Schemas.GetProperty("CreateTeamRequest").GetProperty("required").EnumerateArray().Select(r => r.GetString())
            .ShouldBe(["name", "organization"], ignoreOrder: true);
        Schemas.GetProperty("DeleteTeamRunnersRequest").TryGetProperty("required", out _).ShouldBeFalse("dryRun defaults to false");
    }

    [Test]
    public void Location_and_retry_after_headers_are_declared()
    {
        foreach (var (name, operation) in AllOperations())
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject())
            {
                if (response.Name == "201")
                {
                    response.Value.GetProperty("headers").TryGetProperty("Location", out _).ShouldBeTrue($"{name} 201");
                }

                if (response.Name == "429")
                {
                    response.Value.GetProperty("headers").TryGetProperty("Retry-After", out _).ShouldBeTrue($"{name} 429");
                }
            }
        }
    }

    private static JsonElement Operation(string path, string method) => Document.GetProperty("paths").GetProperty(path).GetProperty(method);

    private static IEnumerable<(string Name, JsonElement Operation)> AllOperations() =>
        Document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => ($"{o.Name} {p.Name}", o.Value)));

    private static bool IsIntegerOrString(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array
        && type.EnumerateArray().Any(t => t.GetString() == "integer") && type.EnumerateArray().Any(t => t.GetString() == "string");

    private static IEnumerable<JsonElement> Walk(JsonElement element)
    {
        yield return element;
        var children = element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().Select(p => p.Value),
            JsonValueKind.Array => element.EnumerateArray(),
            _ => [],
        };
        foreach (var descendant in children.SelectMany(Walk))
        {
            yield return descendant;
        }
    }

    [GeneratedRegex("^[a-z][A-Za-z]+$")]
    private static partial Regex OperationId();

    /// <summary>A code passed to an Error factory, an errorCode extension, a status default, a bearer challenge code.</summary>
    [GeneratedRegex("""(?:Error\.(?:Validation|Forbidden|NotFound|Conflict|Unauthenticated|Upstream|Unavailable|RateLimited)\(\s*|new Error\(\s*|const string (?:Unauthenticated|InvalidToken) = |ErrorCodeKey\] = |\d{3} => )"(?<code>[a-z_]+(?:\.[a-z_]+)+)"|ErrorCodeKey\] = \w+ \? "(?<code>[a-z_.]+)"|: "(?<code>request\.[a-z_]+)";""")]
    private static partial Regex ErrorCodeLiteral();

    /// <summary>A <c>*Code</c> constant of an <c>*Errors</c> class (GitHubErrors builds its errors from them).</summary>
    [GeneratedRegex("""const string \w*Code = "(?<code>[a-z_]+(?:\.[a-z_]+)+)";""")]
    private static partial Regex CodeConstant();
}
