using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Infrastructure.GitHub.Api;
using RunnerTokens.Infrastructure.GitHub.Options;

namespace RunnerTokens.Infrastructure.GitHub.Auth;

/// <summary>
/// Maps an organization to the App's installation: the configured <c>InstallationId</c>, else one
/// <c>GET /orgs/{org}/installation</c> (App JWT), cached. Organizations not in <c>GitHub:Organizations</c> are
/// refused (unless the list is empty, which only Simulator mode allows).
/// </summary>
internal sealed partial class GitHubInstallations(
    IGitHubAppApi appApi,
    GitHubAppJwtSigner jwtSigner,
    GitHubMetrics metrics,
    IOptions<GitHubOptions> options,
    TimeProvider timeProvider,
    ILogger<GitHubInstallations> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<GitHubResult<long>>>> _lookups = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The organization's installation id, or why there is none.</summary>
    public async Task<GitHubResult<long>> ResolveAsync(string organization, CancellationToken cancellationToken)
    {
        var configured = options.Value.FindOrganization(organization);
        if (configured is null && options.Value.Organizations.Count > 0)
        {
            return new GitHubFailure(GitHubFailureKind.NotFound, $"The organization '{organization}' is not configured in GitHub:Organizations.");
        }

        if (configured?.InstallationId is { } id)
        {
            return GitHubResult<long>.Success(id);
        }

        var lookup = _lookups.GetOrAdd(organization, org => new Lazy<Task<GitHubResult<long>>>(() => LookUpAsync(org)));
        var result = await lookup.Value.WaitAsync(cancellationToken);
        if (!result.IsSuccess)
        {
            // Failures are not cached: the next call asks GitHub again.
            _lookups.TryRemove(new KeyValuePair<string, Lazy<Task<GitHubResult<long>>>>(organization, lookup));
        }

        return result;
    }

    private async Task<GitHubResult<long>> LookUpAsync(string organization)
    {
        await Task.Yield();
        GitHubResult<long> result;
        try
        {
            result = await LookUpCoreAsync(organization);
        }
        catch (Exception ex)
        {
            result = GitHubResult<long>.Fail(
                GitHubCallFailures.FromException(ex, options.Value.Resilience, CancellationToken.None)
                ?? throw new InvalidOperationException("Looking up the GitHub App installation failed unexpectedly.", ex));
        }

        metrics.RecordCall("org-installation", GitHubCallFailures.Outcome(result.Failure));
        if (result.IsSuccess)
        {
            LogFound(logger, organization, result.Value);
        }
        else
        {
            LogNotFound(logger, organization, result.Failure.Kind, result.Failure.StatusCode);
        }

        return result;
    }

    private async Task<GitHubResult<long>> LookUpCoreAsync(string organization)
    {
        for (var attempt = 0; ; attempt++)
        {
            var jwt = jwtSigner.GetToken();
            using var response = await appApi.GetOrganizationInstallationAsync(organization, "Bearer " + jwt, CancellationToken.None);
            if (response.HasRequestError(out var requestError))
            {
                return GitHubCallFailures.FromException(requestError, options.Value.Resilience, CancellationToken.None)
                    ?? new GitHubFailure(GitHubFailureKind.Unavailable, "GitHub could not be reached.");
            }

            if (response.IsSuccessStatusCode && response.Content is { } content)
            {
                return GitHubResult<long>.Success(content.Id);
            }

            if (GitHubResponses.StatusOf(response) == System.Net.HttpStatusCode.Unauthorized && attempt == 0)
            {
                jwtSigner.Invalidate(jwt);
                continue;
            }

            if (GitHubResponses.StatusOf(response) == System.Net.HttpStatusCode.NotFound)
            {
                return new GitHubFailure(GitHubFailureKind.NotFound, $"The GitHub App is not installed in the organization '{organization}'.", null, 404);
            }

            return GitHubResponses.Classify(response, timeProvider.GetUtcNow());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub App installation of {Organization} is {InstallationId}")]
    private static partial void LogFound(ILogger logger, string organization, long installationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking up the GitHub App installation of {Organization} failed: {Kind} ({Status})")]
    private static partial void LogNotFound(ILogger logger, string organization, GitHubFailureKind kind, int? status);
}
