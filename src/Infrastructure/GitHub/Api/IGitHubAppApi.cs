using Refit;

namespace RunnerTokens.Infrastructure.GitHub.Api;

/// <summary>Endpoints called as the App itself (App JWT): installation lookup and installation-token minting.</summary>
internal interface IGitHubAppApi
{
    [Post("/app/installations/{installationId}/access_tokens")]
    Task<IApiResponse<InstallationTokenResponse>> CreateInstallationTokenAsync(
        long installationId, [Body] InstallationTokenRequest body, [Header("Authorization")] string authorization, CancellationToken cancellationToken);

    [Get("/orgs/{org}/installation")]
    Task<IApiResponse<InstallationResponse>> GetOrganizationInstallationAsync(
        string org, [Header("Authorization")] string authorization, CancellationToken cancellationToken);
}
