using System.Text.Json.Serialization;

namespace RunnerTokens.Infrastructure.GitHub.Api;

/// <summary>
/// Source-generated JSON for GitHub's wire types. Names come from the explicit <c>JsonPropertyName</c>s
/// (GitHub's snake_case); nulls are left out of request bodies (e.g. <c>work_folder</c> defaults to <c>_work</c>).
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(JitConfigRequest))]
[JsonSerializable(typeof(JitConfigResponse))]
[JsonSerializable(typeof(SelfHostedRunnerDto))]
[JsonSerializable(typeof(RunnerListResponse))]
[JsonSerializable(typeof(AuthenticationTokenResponse))]
[JsonSerializable(typeof(RunnerGroupListResponse))]
[JsonSerializable(typeof(InstallationTokenRequest))]
[JsonSerializable(typeof(InstallationTokenResponse))]
[JsonSerializable(typeof(InstallationResponse))]
[JsonSerializable(typeof(GitHubErrorBody))]
internal sealed partial class GitHubJsonContext : JsonSerializerContext;
