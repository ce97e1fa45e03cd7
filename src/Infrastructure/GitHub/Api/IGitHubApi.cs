using Refit;

namespace RunnerTokens.Infrastructure.GitHub.Api;

/// <summary>
/// GitHub's self-hosted-runner endpoints, called with an installation token. Accept, API version and
/// User-Agent come from the HttpClient's default headers. POSTs GitHub defines without a body have no
/// <c>[Body]</c>, so none is sent.
/// </summary>
internal interface IGitHubApi
{
    [Post("/orgs/{org}/actions/runners/generate-jitconfig")]
    Task<IApiResponse<JitConfigResponse>> GenerateJitConfigAsync(
        string org, [Body] JitConfigRequest body, [Header("Authorization")] string authorization, CancellationToken cancellationToken);

    [Post("/orgs/{org}/actions/runners/registration-token")]
    Task<IApiResponse<AuthenticationTokenResponse>> CreateRegistrationTokenAsync(
        string org, [Header("Authorization")] string authorization, CancellationToken cancellationToken);

    [Post("/orgs/{org}/actions/runners/remove-token")]
    Task<IApiResponse<AuthenticationTokenResponse>> CreateRemoveTokenAsync(
        string org, [Header("Authorization")] string authorization, CancellationToken cancellationToken);

    [Get("/orgs/{org}/actions/runners")]
    Task<IApiResponse<RunnerListResponse>> ListRunnersAsync(
        string org,
        [AliasAs("name")] string? name,
        [AliasAs("per_page")] int perPage,
        [AliasAs("page")] int page,
        [Header("Authorization")] string authorization,
        CancellationToken cancellationToken);

    [Get("/orgs/{org}/actions/runners/{runnerId}")]
    Task<IApiResponse<SelfHostedRunnerDto>> GetRunnerAsync(
        string org, long runnerId, [Header("Authorization")] string authorization, CancellationToken cancellationToken);

    [Delete("/orgs/{org}/actions/runners/{runnerId}")]
    Task<IApiResponse> DeleteRunnerAsync(
        string org, long runnerId, [Header("Authorization")] string authorization, CancellationToken cancellationToken);

    [Get("/orgs/{org}/actions/runner-groups")]
    Task<IApiResponse<RunnerGroupListResponse>> ListRunnerGroupsAsync(
        string org,
        [AliasAs("per_page")] int perPage,
        [AliasAs("page")] int page,
        [Header("Authorization")] string authorization,
        CancellationToken cancellationToken);

    [Post("/repos/{owner}/{repo}/actions/runs/{runId}/cancel")]
    Task<IApiResponse> CancelWorkflowRunAsync(
        string owner, string repo, long runId, [Header("Authorization")] string authorization, CancellationToken cancellationToken);
}
