using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.WebUtilities;
using RunnerTokens.Infrastructure.GitHub.Api;

namespace RunnerTokens.GitHub.Simulator;

/// <summary>
/// What the simulator answers to one request (status, JSON body, headers, paging links) before it becomes an
/// <see cref="HttpResponseMessage"/>.
/// </summary>
internal sealed class SimulatorAnswer(HttpStatusCode status, string? body)
{
    public HttpStatusCode Status { get; } = status;

    public string? Body { get; } = body;

    public List<(string Name, string Value)> Headers { get; } = [];

    public List<(int Page, string Rel)> Links { get; } = [];

    public void AddLinks(IEnumerable<(int Page, string Rel)> links) => Links.AddRange(links);

    public static SimulatorAnswer Json<T>(HttpStatusCode status, T value, JsonTypeInfo<T> typeInfo) => new(status, JsonSerializer.Serialize(value, typeInfo));

    /// <summary>GitHub's "Basic Error" / "Validation Error" body.</summary>
    public static SimulatorAnswer Error(HttpStatusCode status, string message, params string[] errors)
    {
        var body = new GitHubErrorBody(message, GitHubSimulator.DocumentationUrl)
        {
            Status = ((int)status).ToString(CultureInfo.InvariantCulture),
            Errors = errors.Length > 0 ? errors : null,
        };
        return Json(status, body, GitHubJsonContext.Default.GitHubErrorBody);
    }

    public static SimulatorAnswer NotFound() => Error(HttpStatusCode.NotFound, "Not Found");

    /// <summary>The response to <paramref name="request"/>; paging links keep its query and replace <c>page</c>.</summary>
    public HttpResponseMessage ToResponse(HttpRequestMessage request)
    {
        var response = new HttpResponseMessage(Status) { RequestMessage = request };
        if (Body is not null)
        {
            response.Content = new StringContent(Body, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in Headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        if (Links.Count > 0)
        {
            var target = request.RequestUri!;
            var query = QueryHelpers.ParseQuery(target.Query);
            var parts = Links.Select(link =>
            {
                var parameters = query
                    .Where(q => q.Key != "page")
                    .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()))
                    .Append(new KeyValuePair<string, string?>("page", link.Page.ToString(CultureInfo.InvariantCulture)));
                return $"<{QueryHelpers.AddQueryString(target.GetLeftPart(UriPartial.Path), parameters)}>; rel=\"{link.Rel}\"";
            });
            response.Headers.TryAddWithoutValidation("Link", string.Join(", ", parts));
        }

        response.Headers.TryAddWithoutValidation("x-github-request-id", Guid.NewGuid().ToString("N")[..16].ToUpperInvariant());
        return response;
    }
}
