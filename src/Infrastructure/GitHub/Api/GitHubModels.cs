using System.Text.Json.Serialization;

// GitHub's wire shapes, named exactly as GitHub's OpenAPI description (shared/reference/github) names them.
// Only the fields the service reads or the simulator must write are modelled; unknown fields are ignored.
namespace RunnerTokens.Infrastructure.GitHub.Api;

/// <summary>Body of <c>POST /orgs/{org}/actions/runners/generate-jitconfig</c>.</summary>
internal sealed record JitConfigRequest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("runner_group_id")] long RunnerGroupId,
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("work_folder")] string? WorkFolder);

/// <summary>201 of generate-jitconfig.</summary>
internal sealed record JitConfigResponse(
    [property: JsonPropertyName("runner")] SelfHostedRunnerDto Runner,
    [property: JsonPropertyName("encoded_jit_config")] string EncodedJitConfig)
{
    /// <summary>Keeps the secret out of logs and debugger displays.</summary>
    public override string ToString() => $"JitConfigResponse {{ Runner = {Runner.Id}/{Runner.Name}, EncodedJitConfig = *** }}";
}

/// <summary>"Self hosted runners" schema.</summary>
internal sealed record SelfHostedRunnerDto(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("os")] string Os,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("busy")] bool Busy,
    [property: JsonPropertyName("labels")] IReadOnlyList<RunnerLabelDto> Labels)
{
    [JsonPropertyName("runner_group_id")]
    public long? RunnerGroupId { get; init; }

    [JsonPropertyName("ephemeral")]
    public bool? Ephemeral { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }
}

/// <summary>"Self hosted runner label" schema; <c>type</c> is <c>read-only</c> or <c>custom</c>.</summary>
internal sealed record RunnerLabelDto(
    [property: JsonPropertyName("name")] string Name)
{
    [JsonPropertyName("id")]
    public long? Id { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }
}

/// <summary>200 of <c>GET /orgs/{org}/actions/runners</c>.</summary>
internal sealed record RunnerListResponse(
    [property: JsonPropertyName("total_count")] long TotalCount,
    [property: JsonPropertyName("runners")] IReadOnlyList<SelfHostedRunnerDto> Runners);

/// <summary>"Authentication Token" schema (registration and remove tokens).</summary>
internal sealed record AuthenticationTokenResponse(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt)
{
    /// <summary>Keeps the secret out of logs and debugger displays.</summary>
    public override string ToString() => $"AuthenticationTokenResponse {{ Token = ***, ExpiresAt = {ExpiresAt:O} }}";
}

/// <summary>A runner group of <c>GET /orgs/{org}/actions/runner-groups</c>.</summary>
internal sealed record RunnerGroupDto(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("visibility")] string Visibility,
    [property: JsonPropertyName("default")] bool Default,
    [property: JsonPropertyName("runners_url")] string RunnersUrl,
    [property: JsonPropertyName("inherited")] bool Inherited,
    [property: JsonPropertyName("allows_public_repositories")] bool AllowsPublicRepositories)
{
    [JsonPropertyName("restricted_to_workflows")]
    public bool? RestrictedToWorkflows { get; init; }
}

/// <summary>200 of <c>GET /orgs/{org}/actions/runner-groups</c>.</summary>
internal sealed record RunnerGroupListResponse(
    [property: JsonPropertyName("total_count")] long TotalCount,
    [property: JsonPropertyName("runner_groups")] IReadOnlyList<RunnerGroupDto> RunnerGroups);

/// <summary>Body of <c>POST /app/installations/{installation_id}/access_tokens</c>.</summary>
internal sealed record InstallationTokenRequest(
    [property: JsonPropertyName("permissions")] IReadOnlyDictionary<string, string> Permissions);

/// <summary>"Installation Token" schema (201 of access_tokens).</summary>
internal sealed record InstallationTokenResponse(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt)
{
    [JsonPropertyName("permissions")]
    public IReadOnlyDictionary<string, string>? Permissions { get; init; }

    [JsonPropertyName("repository_selection")]
    public string? RepositorySelection { get; init; }

    /// <summary>Keeps the secret out of logs and debugger displays.</summary>
    public override string ToString() => $"InstallationTokenResponse {{ Token = ***, ExpiresAt = {ExpiresAt:O}, RepositorySelection = {RepositorySelection} }}";
}

/// <summary>"Installation" schema (200 of <c>GET /orgs/{org}/installation</c>).</summary>
internal sealed record InstallationResponse(
    [property: JsonPropertyName("id")] long Id)
{
    [JsonPropertyName("app_id")]
    public long? AppId { get; init; }

    [JsonPropertyName("target_type")]
    public string? TargetType { get; init; }

    [JsonPropertyName("account")]
    public InstallationAccountDto? Account { get; init; }
}

/// <summary>The account an installation belongs to.</summary>
internal sealed record InstallationAccountDto(
    [property: JsonPropertyName("login")] string? Login,
    [property: JsonPropertyName("id")] long Id);

/// <summary>"Basic Error" / "Validation Error" schemas, as written by the simulator.</summary>
internal sealed record GitHubErrorBody(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("documentation_url")] string DocumentationUrl)
{
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("errors")]
    public IReadOnlyList<string>? Errors { get; init; }
}
