using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace RunnerTokens.Api.FunctionalTests.Webhooks;

/// <summary>
/// Deliveries as GitHub sends them: GitHub's example <c>workflow_job</c> payloads (Fixtures/) pointed at a
/// runner, signed with <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c>.
/// </summary>
public static class GitHubWebhook
{
    public const string Path = "/api/v1/webhooks/github";

    /// <summary>
    /// A <c>workflow_job</c> payload for <paramref name="action"/> (<c>queued</c>, <c>in_progress</c>,
    /// <c>completed</c>) run by the runner with this GitHub id and name in <paramref name="organization"/>.
    /// </summary>
    public static byte[] WorkflowJob(string action, long? runnerId, string? runnerName, string organization, long jobId)
    {
        var file = System.IO.Path.Combine(AppContext.BaseDirectory, "Webhooks", "Fixtures", $"workflow_job.{action}.json");
        var payload = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        var job = payload["workflow_job"]!.AsObject();
        job["id"] = jobId;
        job["runner_id"] = runnerId;
        job["runner_name"] = runnerName;

        // Older examples predate workflow_job.created_at (today's payloads carry it): queued 30 s before the start.
        if (job["created_at"] is null && job["started_at"] is JsonValue started)
        {
            job["created_at"] = DateTimeOffset.Parse(started.GetValue<string>(), CultureInfo.InvariantCulture)
                .AddSeconds(-30).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        }

        var repository = payload["repository"]!.AsObject();
        repository["full_name"] = $"{organization}/{repository["name"]!.GetValue<string>()}";
        repository["owner"]!["login"] = organization;
        if (payload["organization"] is JsonObject org)
        {
            org["login"] = organization;
        }

        return Encoding.UTF8.GetBytes(payload.ToJsonString());
    }

    /// <summary>The header value GitHub computes, written here independently of the service's own code.</summary>
    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>POSTs <paramref name="body"/> with GitHub's headers; <paramref name="signature"/> null sends none.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body, string deliveryId, string @event, string? signature)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = content };
        request.Headers.Add("X-GitHub-Delivery", deliveryId);
        request.Headers.Add("X-GitHub-Event", @event);
        request.Headers.Add("User-Agent", "GitHub-Hookshot/044aadd");
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }

        return await client.SendAsync(request);
    }
}
