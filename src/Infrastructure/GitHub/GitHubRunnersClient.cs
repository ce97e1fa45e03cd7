using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Infrastructure.GitHub.Api;
using RunnerTokens.Infrastructure.GitHub.Auth;
using RunnerTokens.Infrastructure.GitHub.Options;
using RunnerTokens.Infrastructure.GitHub.RateLimits;

namespace RunnerTokens.Infrastructure.GitHub;

/// <summary>
/// The <see cref="IGitHubRunners"/> adapter: resolves the installation, attaches its token (one fresh token
/// after a 401), records rate limits and metrics, and turns GitHub's answers into typed results. Retries,
/// timeouts and the per-organization circuit breaker live in the HttpClient's resilience handler.
/// </summary>
internal sealed partial class GitHubRunnersClient(
    IGitHubApi api,
    GitHubInstallations installations,
    InstallationTokenCache tokens,
    GitHubRateLimitTracker rateLimits,
    GitHubMetrics metrics,
    IOptions<GitHubOptions> options,
    TimeProvider timeProvider,
    ILogger<GitHubRunnersClient> logger) : IGitHubRunners
{
    public const int PageSize = 100;

    /// <summary>Safety stop for paging (100,000 runners).</summary>
    public const int MaxPages = 1000;

    public async Task<GitHubResult<GitHubJitConfig>> GenerateJitConfigAsync(
        string organization,
        string name,
        IReadOnlyList<string> labels,
        long runnerGroupId,
        string? workFolder,
        CancellationToken cancellationToken)
    {
        var body = new JitConfigRequest(name, runnerGroupId, labels, string.IsNullOrWhiteSpace(workFolder) ? null : workFolder);
        var result = await ReadAsync(
            organization,
            InstallationTokenScope.Runners,
            (auth, ct) => api.GenerateJitConfigAsync(organization, body, auth, ct),
            response => response is { StatusCode: HttpStatusCode.Created, Content: { } content }
                ? GitHubResult<GitHubJitConfig>.Success(new GitHubJitConfig(ToRunner(content.Runner), content.EncodedJitConfig))
                : ClassifyPost(response, conflictMeansNameTaken: true),
            cancellationToken);
        if (result.Failure is { Ambiguous: true } ambiguous)
        {
            result = await RecoverJitRunnerAsync(organization, name, ambiguous);
        }

        return Counted("generate-jitconfig", result);
    }

    public Task<GitHubResult<GitHubRunnerToken>> CreateRegistrationTokenAsync(string organization, CancellationToken cancellationToken) =>
        CreateTokenAsync("registration-token", organization, (auth, ct) => api.CreateRegistrationTokenAsync(organization, auth, ct), cancellationToken);

    public Task<GitHubResult<GitHubRunnerToken>> CreateRemoveTokenAsync(string organization, CancellationToken cancellationToken) =>
        CreateTokenAsync("remove-token", organization, (auth, ct) => api.CreateRemoveTokenAsync(organization, auth, ct), cancellationToken);

    public Task<GitHubResult<IReadOnlyList<GitHubRunner>>> ListRunnersAsync(string organization, string? name, CancellationToken cancellationToken) =>
        ListAllAsync(
            "list-runners",
            organization,
            (page, auth, ct) => api.ListRunnersAsync(organization, string.IsNullOrEmpty(name) ? null : name, PageSize, page, auth, ct),
            content => (content.Runners, content.TotalCount),
            r => r.Id,
            ToRunner,
            cancellationToken);

    public async Task<GitHubResult<GitHubRunner>> GetRunnerAsync(string organization, long runnerId, CancellationToken cancellationToken) =>
        Counted("get-runner", await ReadAsync(
            organization,
            InstallationTokenScope.Runners,
            (auth, ct) => api.GetRunnerAsync(organization, runnerId, auth, ct),
            response => response is { IsSuccessStatusCode: true, Content: { } runner }
                ? GitHubResult<GitHubRunner>.Success(ToRunner(runner))
                : Classify(response),
            cancellationToken));

    public async Task<GitHubResult<GitHubRunnerDeletion>> DeleteRunnerAsync(string organization, long runnerId, CancellationToken cancellationToken) =>
        Counted("delete-runner", await ReadAsync(
            organization,
            InstallationTokenScope.Runners,
            (auth, ct) => api.DeleteRunnerAsync(organization, runnerId, auth, ct),
            response => response.StatusCode switch
            {
                HttpStatusCode.NoContent or HttpStatusCode.OK => GitHubResult<GitHubRunnerDeletion>.Success(GitHubRunnerDeletion.Deleted),
                HttpStatusCode.NotFound => GitHubResult<GitHubRunnerDeletion>.Success(GitHubRunnerDeletion.AlreadyGone),
                _ => Classify(response),
            },
            cancellationToken));

    public Task<GitHubResult<IReadOnlyList<GitHubRunnerGroup>>> ListRunnerGroupsAsync(string organization, CancellationToken cancellationToken) =>
        ListAllAsync(
            "list-runner-groups",
            organization,
            (page, auth, ct) => api.ListRunnerGroupsAsync(organization, PageSize, page, auth, ct),
            content => (content.RunnerGroups, content.TotalCount),
            g => g.Id,
            g => new GitHubRunnerGroup(g.Id, g.Name, g.Visibility, g.Default, g.Inherited, g.AllowsPublicRepositories),
            cancellationToken);

    public async Task<GitHubResult<GitHubRunCancellation>> CancelWorkflowRunAsync(string owner, string repository, long runId, CancellationToken cancellationToken) =>
        Counted("cancel-workflow-run", await ReadAsync(
            owner,
            InstallationTokenScope.Actions,
            (auth, ct) => api.CancelWorkflowRunAsync(owner, repository, runId, auth, ct),
            response => response.StatusCode switch
            {
                HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.NoContent => GitHubResult<GitHubRunCancellation>.Success(GitHubRunCancellation.Requested),
                HttpStatusCode.Conflict => GitHubResult<GitHubRunCancellation>.Success(GitHubRunCancellation.NotCancellable),
                _ => Classify(response),
            },
            cancellationToken));

    // A POST: never resent. After an ambiguous failure a token may exist at GitHub; it is harmless (it expires
    // within the hour) and cannot be looked up, so the failure is reported as is.
    private async Task<GitHubResult<GitHubRunnerToken>> CreateTokenAsync(
        string endpoint,
        string organization,
        Func<string, CancellationToken, Task<IApiResponse<AuthenticationTokenResponse>>> call,
        CancellationToken cancellationToken) =>
        Counted(endpoint, await ReadAsync(
            organization,
            InstallationTokenScope.Runners,
            call,
            response => response is { IsSuccessStatusCode: true, Content: { } content }
                ? GitHubResult<GitHubRunnerToken>.Success(new GitHubRunnerToken(content.Token, content.ExpiresAt))
                : ClassifyPost(response),
            cancellationToken));

    private async Task<Sent<TResponse>> SendAsync<TResponse>(
        string organization,
        InstallationTokenScope scope,
        Func<string, CancellationToken, Task<TResponse>> call,
        CancellationToken cancellationToken)
        where TResponse : class, IApiResponse
    {
        if (rateLimits.IsExhausted(organization, out var waitForReset))
        {
            return new Sent<TResponse>(null, new GitHubFailure(
                GitHubFailureKind.RateLimited,
                $"GitHub's rate limit for '{organization}' is spent until the window resets.",
                waitForReset));
        }

        var installation = await installations.ResolveAsync(organization, cancellationToken);
        if (!installation.IsSuccess)
        {
            return new Sent<TResponse>(null, installation.Failure);
        }

        TResponse? response = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var token = await tokens.GetAsync(installation.Value, scope, cancellationToken);
            if (!token.IsSuccess)
            {
                response?.Dispose();
                return new Sent<TResponse>(null, token.Failure);
            }

            response?.Dispose();
            try
            {
                response = await call("Bearer " + token.Value.Value, cancellationToken);
            }
            catch (Exception ex) when (GitHubCallFailures.FromException(ex, options.Value.Resilience, cancellationToken) is { } thrown)
            {
                return new Sent<TResponse>(null, thrown);
            }

            if (response.HasRequestError(out var requestError))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var transport = GitHubCallFailures.FromException(requestError, options.Value.Resilience, cancellationToken)
                    ?? new GitHubFailure(GitHubFailureKind.Unavailable, "GitHub could not be reached.") { Ambiguous = true };
                response.Dispose();
                return new Sent<TResponse>(null, transport);
            }

            rateLimits.Record(organization, installation.Value, response.Headers);
            if (response.StatusCode != HttpStatusCode.Unauthorized || attempt > 0)
            {
                break;
            }

            // The cached token was refused (revoked or expired early): drop it and mint once more.
            LogTokenRejected(logger, organization, installation.Value);
            tokens.Invalidate(installation.Value, scope, token.Value);
        }

        return new Sent<TResponse>(response, null);
    }

    /// <summary>
    /// One call, read once: a failure to send passes through, otherwise <paramref name="read"/> turns the answer
    /// into a result. The response is disposed either way.
    /// </summary>
    private async Task<GitHubResult<T>> ReadAsync<TResponse, T>(
        string organization,
        InstallationTokenScope scope,
        Func<string, CancellationToken, Task<TResponse>> call,
        Func<TResponse, GitHubResult<T>> read,
        CancellationToken cancellationToken)
        where TResponse : class, IApiResponse
    {
        var sent = await SendAsync(organization, scope, call, cancellationToken);
        using (sent.Response)
        {
            return sent.Failure is { } failure ? failure : read(sent.Response!);
        }
    }

    /// <summary>
    /// Every page of a list endpoint (<see cref="PageSize"/> per page, at most <see cref="MaxPages"/>), each item
    /// once by <paramref name="id"/>; the first failing page fails the whole list.
    /// </summary>
    private async Task<GitHubResult<IReadOnlyList<TItem>>> ListAllAsync<TPage, TDto, TItem>(
        string endpoint,
        string organization,
        Func<int, string, CancellationToken, Task<IApiResponse<TPage>>> callPage,
        Func<TPage, (IReadOnlyList<TDto> Items, long TotalCount)> contents,
        Func<TDto, long> id,
        Func<TDto, TItem> map,
        CancellationToken cancellationToken)
        where TPage : class
    {
        var all = new List<TItem>();
        var seen = new HashSet<long>();
        for (var page = 1; page <= MaxPages; page++)
        {
            var current = page;
            var sent = await SendAsync(organization, InstallationTokenScope.Runners, (auth, ct) => callPage(current, auth, ct), cancellationToken);
            using (sent.Response)
            {
                var failure = sent.Failure ?? (sent.Response is { IsSuccessStatusCode: true, Content: not null } ? null : Classify(sent.Response!));
                if (failure is not null)
                {
                    return Counted<IReadOnlyList<TItem>>(endpoint, failure);
                }

                var (items, totalCount) = contents(sent.Response!.Content!);
                all.AddRange(items.Where(item => seen.Add(id(item))).Select(map));
                // A next page exists when Link says so; without a Link header, while pages come back full.
                var headers = sent.Response.Headers;
                if (GitHubResponses.HasLinkHeader(headers) ? !GitHubResponses.HasNextPage(headers) : items.Count < PageSize || all.Count >= totalCount)
                {
                    break;
                }
            }
        }

        return Counted(endpoint, GitHubResult<IReadOnlyList<TItem>>.Success(all));
    }

    private GitHubFailure Classify(IApiResponse response, bool conflictMeansNameTaken = false) =>
        GitHubResponses.Classify(response, timeProvider.GetUtcNow(), conflictMeansNameTaken);

    /// <summary>A POST answered "unavailable" (5xx) may still have taken effect at GitHub: the failure is ambiguous.</summary>
    private GitHubFailure ClassifyPost(IApiResponse response, bool conflictMeansNameTaken = false)
    {
        var answer = Classify(response, conflictMeansNameTaken);
        return answer.Kind == GitHubFailureKind.Unavailable ? answer with { Ambiguous = true } : answer;
    }

    private GitHubResult<T> Counted<T>(string endpoint, GitHubResult<T> result)
    {
        metrics.RecordCall(endpoint, GitHubCallFailures.Outcome(result.Failure));
        return result;
    }

    private static GitHubRunner ToRunner(SelfHostedRunnerDto runner) => new(
        runner.Id,
        runner.Name,
        runner.Os,
        runner.Status,
        runner.Busy,
        [.. runner.Labels.Select(l => new GitHubRunnerLabel(
            l.Name,
            string.Equals(l.Type, "read-only", StringComparison.OrdinalIgnoreCase) ? GitHubRunnerLabelType.ReadOnly : GitHubRunnerLabelType.Custom,
            l.Id))],
        runner.RunnerGroupId,
        runner.Ephemeral);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub refused the cached installation token of {Organization} (installation {InstallationId}); minting a new one")]
    private static partial void LogTokenRejected(ILogger logger, string organization, long installationId);

    private readonly record struct Sent<TResponse>(TResponse? Response, GitHubFailure? Failure)
        where TResponse : class, IApiResponse;
}
