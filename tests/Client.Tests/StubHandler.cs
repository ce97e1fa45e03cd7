using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;

namespace RunnerTokens.Client.Tests;

/// <summary>
/// Stands in for the network under a client registered with <c>AddRunnerTokensClient</c>: answers each attempt from a
/// script and records what was sent (method, path, body, authorization).
/// </summary>
public sealed class StubHandler(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
{
    private int _next;

    public List<(HttpMethod Method, string Path, string? Body, string? Authorization)> Sent { get; } = [];

    public static HttpResponseMessage Json(HttpStatusCode status, string json, TimeSpan? retryAfter = null, string mediaType = "application/json")
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, mediaType) };
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(delay);
        }

        return response;
    }

    public static HttpResponseMessage Problem(HttpStatusCode status, string errorCode, TimeSpan? retryAfter = null, bool? ambiguous = null) =>
        Json(
            status,
            $$"""{"type":"https://runnertokens.dev/problems/{{errorCode}}","title":"Problem {{errorCode}}","status":{{(int)status}},"errorCode":"{{errorCode}}","traceId":"0af7651916cd43dd8448eb211c80319c"{{(ambiguous is { } a ? $",\"ambiguous\":{a.ToString().ToLowerInvariant()}" : "")}}}""",
            retryAfter,
            "application/problem+json");

    /// <summary>A client over this stub, retries on with a tiny delay.</summary>
    public RunnerTokensClient Client(Action<RunnerTokensClientOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddRunnerTokensClient(o =>
            {
                o.BaseAddress = new Uri("https://runnertokens.test/base");
                o.AccessToken = "token-1";
                o.RetryDelay = TimeSpan.FromMilliseconds(1);
                configure?.Invoke(o);
            })
            .ConfigurePrimaryHttpMessageHandler(() => this);
        return services.BuildServiceProvider().GetRequiredService<RunnerTokensClient>();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Sent.Add((request.Method, request.RequestUri!.AbsolutePath, body, request.Headers.Authorization?.ToString()));
        var answer = answers[Math.Min(_next++, answers.Length - 1)]();
        answer.RequestMessage = request;
        return answer;
    }
}
