using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.AspNetCore.Mvc.Routing;
using RunnerTokens.Api.Controllers;
using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Api.FunctionalTests.OpenApi;

/// <summary>
/// <c>GET /openapi/v1.json</c> against the controllers themselves (read by reflection): every action under
/// <c>/api/v1</c> is documented, with every response status it declares, problem responses as
/// <c>application/problem+json</c>, and the bearer scheme on every operation that is not anonymous.
/// </summary>
public sealed partial class OpenApiDocumentTests : FunctionalTestBase
{
    private JsonElement _document;

    [OneTimeSetUp]
    public async Task Fetch()
    {
        var response = await Anonymous().GetAsync("/openapi/v1.json");
        _document = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
    }

    [Test]
    public void The_bearer_security_scheme_is_declared()
    {
        var bearer = _document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");

        bearer.GetProperty("type").GetString().ShouldBe("http");
        bearer.GetProperty("scheme").GetString().ShouldBe("bearer");
        bearer.GetProperty("bearerFormat").GetString().ShouldBe("JWT");
    }

    [Test]
    public void Every_controller_action_under_api_v1_is_documented_and_nothing_else()
    {
        var expected = Actions().Select(a => $"{a.Method} {a.Path}").Order(StringComparer.Ordinal).ToList();
        var documented = _document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Where(o => HttpMethods.Contains(o.Name)).Select(o => $"{o.Name} {p.Name}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        expected.Count.ShouldBeGreaterThan(30, "the reflection should find every controller action");
        documented.ShouldBe(expected);
    }

    [TestCaseSource(nameof(ActionCases))]
    public void Each_operation_documents_its_declared_responses_and_security(ControllerAction action)
    {
        var operation = _document.GetProperty("paths").GetProperty(action.Path).GetProperty(action.Method);
        var responses = operation.GetProperty("responses");

        foreach (var (status, problem) in action.Responses)
        {
            responses.TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response)
                .ShouldBeTrue($"{action} should document {status}");
            if (problem)
            {
                response.GetProperty("content").TryGetProperty("application/problem+json", out _)
                    .ShouldBeTrue($"{action} should document {status} as application/problem+json");
            }
        }

        if (action.Anonymous)
        {
            operation.TryGetProperty("security", out _).ShouldBeFalse($"{action} is anonymous");
        }
        else
        {
            operation.GetProperty("security").EnumerateArray()
                .Any(requirement => requirement.TryGetProperty("Bearer", out _))
                .ShouldBeTrue($"{action} should require the Bearer scheme");
        }
    }

    [Test]
    public void The_common_problem_responses_are_on_every_operation()
    {
        var operations = _document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Where(o => HttpMethods.Contains(o.Name)).Select(o => (Name: $"{o.Name} {p.Name}", Operation: o.Value)))
            .ToList();

        operations.Count.ShouldBeGreaterThan(30);
        foreach (var (name, operation) in operations)
        {
            foreach (var status in new[] { "400", "401", "429", "500" })
            {
                operation.GetProperty("responses").TryGetProperty(status, out var response).ShouldBeTrue($"{name} should document {status}");
                response.GetProperty("content").TryGetProperty("application/problem+json", out _)
                    .ShouldBeTrue($"{name} should document {status} as application/problem+json");
            }
        }
    }

    [TestCase("RunnerDto")]
    [TestCase("JitRunnerResponse")]
    public void Schemas_use_the_wire_names(string schema)
    {
        var properties = _document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties");

        properties.TryGetProperty("githubRunnerId", out _).ShouldBeTrue("GitHub is written github on the wire");
        properties.TryGetProperty("gitHubRunnerId", out _).ShouldBeFalse();
    }

    private static readonly HashSet<string> HttpMethods = ["get", "post", "put", "patch", "delete"];

    public static IEnumerable<TestCaseData> ActionCases() =>
        Actions().Select(a => new TestCaseData(a).SetArgDisplayNames($"{a.Method.ToUpperInvariant()} {a.Path}"));

    /// <summary>
    /// Every action of every controller, with the path, statuses and content types its attributes declare
    /// (<see cref="ProducesResponseTypeAttribute"/> and its own problems, <see cref="ProducesProblemsAttribute"/>).
    /// </summary>
    public static IReadOnlyList<ControllerAction> Actions()
    {
        var controllers = typeof(ApiControllerBase).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ControllerBase).IsAssignableFrom(t));
        var actions = new List<ControllerAction>();
        foreach (var controller in controllers)
        {
            var prefix = controller.GetCustomAttribute<RouteAttribute>()?.Template ?? string.Empty;
            var controllerResponses = Declared(controller.GetCustomAttributes<ProducesResponseTypeAttribute>(inherit: true));
            var controllerAnonymous = controller.GetCustomAttributes(inherit: true).OfType<IAllowAnonymous>().Any();
            foreach (var method in controller.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                foreach (var http in method.GetCustomAttributes<HttpMethodAttribute>())
                {
                    var template = string.IsNullOrEmpty(http.Template) ? prefix : $"{prefix}/{http.Template}";
                    var path = "/" + RouteConstraint().Replace(template.Trim('/'), "{$1}");
                    var responses = controllerResponses
                        .Concat(Declared(method.GetCustomAttributes<ProducesResponseTypeAttribute>()))
                        .Concat(method.GetCustomAttributes<ProducesProblemsAttribute>().SelectMany(a => a.Statuses).Select(status => (Status: status, Problem: true)))
                        .GroupBy(r => r.Status)
                        .Select(g => (Status: g.Key, Problem: g.Any(r => r.Problem)))
                        .OrderBy(r => r.Status)
                        .ToList();
                    var anonymous = controllerAnonymous || method.GetCustomAttributes(inherit: true).OfType<IAllowAnonymous>().Any();
                    foreach (var verb in http.HttpMethods)
                    {
                        actions.Add(new ControllerAction(verb.ToLowerInvariant(), path, anonymous, responses));
                    }
                }
            }
        }

        return actions;
    }

    private static IEnumerable<(int Status, bool Problem)> Declared(IEnumerable<ProducesResponseTypeAttribute> attributes) =>
        attributes.Select(a =>
        {
            var contentTypes = new MediaTypeCollection();
            ((IApiResponseMetadataProvider)a).SetContentTypes(contentTypes);
            return (a.StatusCode, contentTypes.Contains("application/problem+json"));
        });

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)(:[^}]*)?\}")]
    private static partial Regex RouteConstraint();
}
