using Microsoft.Extensions.Primitives;
using RunnerTokens.GitHub.Simulator;

namespace RunnerTokens.GitHub.Simulator.Host;

/// <summary>Turns each HTTP request into the <see cref="HttpRequestMessage"/> the simulator core answers, and back.</summary>
internal static class SimulatorForwarding
{
    public static async Task ForwardAsync(HttpContext context, GitHubSimulator simulator)
    {
        var incoming = context.Request;
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(incoming.GetEncodedUrlOrigin() + incoming.PathBase + incoming.Path + incoming.QueryString));
        if (incoming.ContentLength > 0 || incoming.Headers.TransferEncoding.Count > 0)
        {
            using var buffer = new MemoryStream();
            await incoming.Body.CopyToAsync(buffer, context.RequestAborted);
            request.Content = new ByteArrayContent(buffer.ToArray());
        }

        foreach (var (name, values) in incoming.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values) && request.Content is not null)
            {
                request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await simulator.HandleAsync(request, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            // An injected connection reset: drop the connection without an answer.
            context.Abort();
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // An injected timeout lasted until the caller gave up.
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers)
            {
                context.Response.Headers[name] = new StringValues([.. values]);
            }

            if (response.Content is not null)
            {
                foreach (var (name, values) in response.Content.Headers)
                {
                    context.Response.Headers[name] = new StringValues([.. values]);
                }

                await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
            }
        }
    }

    private static string GetEncodedUrlOrigin(this HttpRequest request) => request.Scheme + "://" + request.Host.ToUriComponent();
}
