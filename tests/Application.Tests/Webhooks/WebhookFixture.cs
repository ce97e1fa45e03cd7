using System.Text;
using System.Text.Json.Nodes;

namespace RunnerTokens.Application.Tests.Webhooks;

/// <summary>GitHub's example payloads (Fixtures/), pointed at a seeded runner and organization.</summary>
internal static class WebhookFixture
{
    public static byte[] Load(string action, long? runnerId, string? runnerName, string organization)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Webhooks", "Fixtures", $"workflow_job.{action}.json");
        var payload = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var job = payload["workflow_job"]!.AsObject();
        job["runner_id"] = runnerId;
        job["runner_name"] = runnerName;

        // Older examples predate workflow_job.created_at (today's payloads carry it): queued 30 s before the start.
        if (job["created_at"] is null && job["started_at"] is JsonValue started)
        {
            job["created_at"] = DateTimeOffset.Parse(started.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
                .AddSeconds(-30).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        }
        var repository = payload["repository"]!.AsObject();
        var name = repository["name"]!.GetValue<string>();
        repository["full_name"] = $"{organization}/{name}";
        repository["owner"]!["login"] = organization;
        if (payload["organization"] is JsonObject org)
        {
            org["login"] = organization;
        }
        return Encoding.UTF8.GetBytes(payload.ToJsonString());
    }
}
