using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace RunnerTokens.Api.FunctionalTests.OpenApi;

/// <summary>
/// The committed OpenAPI documents (<c>docs/openapi</c>, equal to what the service serves: see
/// <see cref="CommittedDocumentTests"/>) as JSON Schemas: finds the operation of a request and validates a body
/// against the schema the document declares for it. Records which component schemas real traffic exercised.
/// </summary>
public sealed partial class OpenApiContract
{
    private const string SchemaDialect = "https://json-schema.org/draft/2020-12/schema";
    private readonly List<Operation> _operations = [];
    private readonly JsonObject _definitions = [];
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private int _built;

    public static OpenApiContract Committed { get; } = Load("v1", "github-webhooks");

    /// <summary>Component schemas some validated body went through.</summary>
    public ConcurrentDictionary<string, bool> Exercised { get; } = new(StringComparer.Ordinal);

    /// <summary>Operations some response was validated for (<c>post /api/v1/runners/jit</c>).</summary>
    public ConcurrentDictionary<string, bool> Called { get; } = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> SchemaNames => [.. _definitions.Select(d => d.Key)];

    public IReadOnlyList<string> OperationNames => [.. _operations.Select(o => o.Name)];

    private static OpenApiContract Load(params string[] documents)
    {
        var contract = new OpenApiContract();
        foreach (var name in documents)
        {
            var path = Path.Combine(CommittedDocumentTests.RepositoryRoot(), "docs", "openapi", $"{name}.json");
            var text = File.ReadAllText(path).Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
            var document = JsonNode.Parse(text)!.AsObject();
            foreach (var (schemaName, schema) in document["components"]?["schemas"]?.AsObject() ?? [])
            {
                contract._definitions[schemaName] = schema!.DeepClone();
            }

            foreach (var (template, item) in document["paths"]!.AsObject())
            {
                foreach (var (method, operation) in item!.AsObject())
                {
                    contract._operations.Add(new Operation(method, template, ToRegex(template), template.Count(c => c == '{'), operation!.AsObject()));
                }
            }
        }

        return contract;
    }

    /// <summary>The documented operation for this request, or null (health, metrics, unknown routes).</summary>
    public Operation? Find(HttpMethod method, string path) =>
        _operations
            .Where(o => string.Equals(o.Method, method.Method, StringComparison.OrdinalIgnoreCase) && o.Pattern.IsMatch(path))
            .OrderBy(o => o.Parameters)
            .FirstOrDefault();

    /// <summary>Validates a JSON body against a schema node of the document; returns the failures (empty when valid).</summary>
    public IReadOnlyList<string> Validate(JsonNode schemaNode, string json)
    {
        var key = schemaNode.ToJsonString();
        var schema = _schemas.GetOrAdd(key, _ => Build(schemaNode));
        using var instance = JsonDocument.Parse(json);
        var results = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        Collect(results);
        if (results.IsValid)
        {
            return [];
        }

        var failures = new List<string>();
        Failures(results, failures);
        return failures.Count > 0 ? failures : ["invalid (no detail)"];
    }

    private JsonSchema Build(JsonNode schemaNode)
    {
        var wrapper = new JsonObject
        {
            ["$schema"] = SchemaDialect,
            ["$defs"] = _definitions.DeepClone(),
            ["allOf"] = new JsonArray(schemaNode.DeepClone()),
        };
        var id = Interlocked.Increment(ref _built);
        return JsonSchema.FromText(wrapper.ToJsonString(), baseUri: new Uri($"https://runnertokens.test/contract/{id}"));
    }

    private void Collect(EvaluationResults results)
    {
        var fragment = results.SchemaLocation?.Fragment ?? string.Empty;
        var match = DefinitionName().Match(Uri.UnescapeDataString(fragment));
        if (match.Success && results.IsValid)
        {
            Exercised.TryAdd(match.Groups[1].Value, true);
        }

        foreach (var detail in results.Details ?? [])
        {
            Collect(detail);
        }
    }

    private static void Failures(EvaluationResults results, List<string> failures)
    {
        if (results.Errors is { Count: > 0 } errors)
        {
            failures.Add($"{results.InstanceLocation} ({results.SchemaLocation?.Fragment}): {string.Join("; ", errors.Values)}");
        }

        foreach (var detail in results.Details ?? [])
        {
            Failures(detail, failures);
        }
    }

    private static Regex ToRegex(string template) =>
        new("^" + TemplateParameter().Replace(Regex.Escape(template).Replace(@"\{", "{", StringComparison.Ordinal), "[^/]+") + "$", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"\{[^}/]+\}")]
    private static partial Regex TemplateParameter();

    [GeneratedRegex(@"^#?/\$defs/([^/]+)")]
    private static partial Regex DefinitionName();

    public sealed record Operation(string Method, string Template, Regex Pattern, int Parameters, JsonObject Node)
    {
        public string Name => $"{Method} {Template}";

        public JsonObject? Response(int status) => Node["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?.AsObject();

        public JsonNode? RequestSchema(string mediaType) => Node["requestBody"]?["content"]?[mediaType]?["schema"];
    }
}
