using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunnerTokens.Application.Webhooks.ApplyWebhookDelivery;

/// <summary>The parts of GitHub's <c>workflow_job</c> payload the service uses (names as GitHub sends them).</summary>
public sealed record WorkflowJobEvent(
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("workflow_job")] WorkflowJob Job,
    [property: JsonPropertyName("repository")] RepositoryRef? Repository,
    [property: JsonPropertyName("organization")] OrganizationRef? Organization)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = false };

    public static WorkflowJobEvent? Parse(string payload)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize<WorkflowJobEvent>(payload, Options);
            return parsed?.Job is null ? null : parsed;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The organization login, from the payload's organization or the repository's owner.</summary>
    public string? OrganizationLogin => Organization?.Login ?? Repository?.FullName?.Split('/')[0];
}

public sealed record WorkflowJob(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("run_id")] long RunId,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("workflow_name")] string? WorkflowName,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("conclusion")] string? Conclusion,
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt,
    [property: JsonPropertyName("started_at")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("completed_at")] DateTimeOffset? CompletedAt,
    [property: JsonPropertyName("labels")] IReadOnlyList<string>? Labels,
    [property: JsonPropertyName("runner_id")] long? RunnerId,
    [property: JsonPropertyName("runner_name")] string? RunnerName,
    [property: JsonPropertyName("runner_group_id")] long? RunnerGroupId);

public sealed record RepositoryRef(
    [property: JsonPropertyName("full_name")] string? FullName,
    [property: JsonPropertyName("name")] string? Name);

public sealed record OrganizationRef([property: JsonPropertyName("login")] string? Login);
