using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Infrastructure.GitHub.Api;
using RunnerTokens.Infrastructure.GitHub.Auth;
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
        const string endpoint = "generate-jitconfig";
        var body = new JitConfigRequest(name, runnerGroupId, labels, string.IsNullOrWhiteSpace(workFolder) ? null : workFolder);
        var sent = await SendAsync(
            organization,
            InstallationTokenScope.Runners,
            (auth, ct) => api.GenerateJitConfigAsync(organization, body, auth, ct),
            cancellationToken);

        GitHubResult<GitHubJitConfig> result;
        using (sent.Response)
        {
            if (sent.Failure is { } failure)
            {
                result = failure.Ambiguous ? await RecoverJitRunnerAsync(organization, name, failure) : failure;
            }
            else if (sent.Response is { StatusCode: HttpStatusCode.Created, Content: { } content })
            {
                result = GitHubResult<GitHubJitConfig>.Success(new GitHubJitConfig(ToRunner(content.Runner), content.EncodedJitConfig));
            }
            else
            {
                var answer = Classify(sent.Response!, conflictMeansNameTaken: true);
                result = answer.Kind == GitHubFailureKind.Unavailable
                    ? await RecoverJitRunnerAsync(organization, name, answer with { Ambiguous = true })
                    : answer;
            }
        }

        return Counted(endpoint, result);
    }

    public Task<GitHubResult<GitHubRunnerToken>> CreateRegistrationTokenAsync(string organization, CancellationToken cancellationToken) =>
        CreateTokenAsync("registration-token", organization, (auth, ct) => api.CreateRegistrationTokenAsync(organization, auth, ct), cancellationToken);

    public Task<GitHubResult<GitHubRunnerToken>> CreateRemoveTokenAsync(string organization, CancellationToken cancellationToken) =>
        CreateTokenAsync("remove-token", organization, (auth, ct) => api.CreateRemoveTokenAsync(organization, auth, ct), cancellationToken);

    public async Task<GitHubResult<IReadOnlyList<GitHubRunner>>> ListRunnersAsync(string organization, string? name, CancellationToken cancellationToken)
    {
        var runners = new List<GitHubRunner>();
        var seen = new HashSet<long>();
        for (var page = 1; page <= MaxPages; page++)
        {
            var current = page;
            var sent = await SendAsync(
                organization,
                InstallationTokenScope.Runners,
                (auth, ct) => api.ListRunnersAsync(organization, string.IsNullOrEmpty(name) ? null : name, PageSize, current, auth, ct),
                cancellationToken);
            using (sent.Response)
            {
                var failure = sent.Failure ?? (sent.Response is { IsSuccessStatusCode: true, Content: not null } ? null : Classify(sent.Response!));
                if (failure is not null)
                {
                    return Counted<IReadOnlyList<GitHubRunner>>("list-runners", failure);
                }

                var content = sent.Response!.Content!;
                runners.AddRange(content.Runners.Where(r => seen.Add(r.Id)).Select(ToRunner));
                if (!HasNextPage(sent.Response, content.Runners.Count, runners.Count, content.TotalCount))
                {
                    break;
                }
            }
        }

        return Counted("list-runners", GitHubResult<IReadOnlyList<GitHubRunner>>.Success(runners));
    }

    public async Task<GitHubResult<GitHubRunner>> GetRunnerAsync(string organization, long runnerId, CancellationToken cancellationToken)
    {
        var sent = await SendAsync(
            organization,
            InstallationTokenScope.Runners,
            (auth, ct) => api.GetRunnerAsync(organization, runnerId, auth, ct),
            cancellationToken);
        using (sent.Response)
        {
            GitHubResult<GitHubRunner> result = sent.Failure is { } failure
                ? failure
                : sent.Response is { IsSuccessStatusCode: true, Content: { } runner }
                    ? GitHubResult<GitHubRunner>.Success(ToRunner(runner))
                    : Classify(sent.Response!);
            return Counted("get-runner", result);
        }
    }

    public async Task<GitHubResult<GitHubRunnerDeletion>> DeleteRunnerAsync(string organization, long runnerId, CancellationToken cancellationToken)
    {
        var sent = await SendAsync(
            organization,
            InstallationTokenScope.Runners,
            (auth, ct) => api.DeleteRunnerAsync(organization, runnerId, auth, ct),
            cancellationToken);
        using (sent.Response)
        {
            GitHubResult<GitHubRunnerDeletion> result = sent.Failure is { } failure
                ? failure
                : sent.Response!.StatusCode switch
                {
                    HttpStatusCode.NoContent or HttpStatusCode.OK => GitHubResult<GitHubRunnerDeletion>.Success(GitHubRunnerDeletion.Deleted),
                    HttpStatusCode.NotFound => GitHubResult<GitHubRunnerDeletion>.Success(GitHubRunnerDeletion.AlreadyGone),
                    _ => Classify(sent.Response),
                };
            return Counted("delete-runner", result);
        }
    }

    public async Task<GitHubResult<IReadOnlyList<GitHubRunnerGroup>>> ListRunnerGroupsAsync(string organization, CancellationToken cancellationToken)
    {
        var groups = new List<GitHubRunnerGroup>();
        var seen = new HashSet<long>();
        for (var page = 1; page <= MaxPages; page++)
        {
            var current = page;
            var sent = await SendAsync(
                organization,
                InstallationTokenScope.Runners,
                (auth, ct) => api.ListRunnerGroupsAsync(organization, PageSize, current, auth, ct),
                cancellationToken);
            using (sent.Response)
            {
                var failure = sent.Failure ?? (sent.Response is { IsSuccessStatusCode: true, Content: not null } ? null : Classify(sent.Response!));
                if (failure is not null)
                {
                    return Counted<IReadOnlyList<GitHubRunnerGroup>>("list-runner-groups", failure);
                }

                var content = sent.Response!.Content!;
                groups.AddRange(content.RunnerGroups
                    .Where(g => seen.Add(g.Id))
                    .Select(g => new GitHubRunnerGroup(g.Id, g.Name, g.Visibility, g.Default, g.Inherited, g.AllowsPublicRepositories)));
                if (!HasNextPage(sent.Response, content.RunnerGroups.Count, groups.Count, content.TotalCount))
                {
                    break;
                }
            }
        }

        return Counted("list-runner-groups", GitHubResult<IReadOnlyList<GitHubRunnerGroup>>.Success(groups));
    }

    public async Task<GitHubResult<GitHubRunCancellation>> CancelWorkflowRunAsync(string owner, string repository, long runId, CancellationToken cancellationToken)
    {
        var sent = await SendAsync(
            owner,
            InstallationTokenScope.Actions,
            (auth, ct) => api.CancelWorkflowRunAsync(owner, repository, runId, auth, ct),
            cancellationToken);
        using (sent.Response)
        {
            GitHubResult<GitHubRunCancellation> result = sent.Failure is { } failure
                ? failure
                : sent.Response!.StatusCode switch
                {
                    HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.NoContent => GitHubResult<GitHubRunCancellation>.Success(GitHubRunCancellation.Requested),
                    HttpStatusCode.Conflict => GitHubResult<GitHubRunCancellation>.Success(GitHubRunCancellation.NotCancellable),
                    _ => Classify(sent.Response),
                };
            return Counted("cancel-workflow-run", result);
        }
    }

    private async Task<GitHubResult<GitHubRunnerToken>> CreateTokenAsync(
        string endpoint,
        string organization,
        Func<string, CancellationToken, Task<IApiResponse<AuthenticationTokenResponse>>> call,
        CancellationToken cancellationToken)
    {
        // A POST: never resent. After an ambiguous failure a token may exist at GitHub; it is harmless (it
        // expires within the hour) and cannot be looked up, so the failure is reported as is.
        var sent = await SendAsync(organization, InstallationTokenScope.Runners, call, cancellationToken);
        using (sent.Response)
        {
            GitHubResult<GitHubRunnerToken> result;
            if (sent.Failure is { } failure)
            {
                result = failure;
            }
            else if (sent.Response is { IsSuccessStatusCode: true, Content: { } content })
            {
                result = GitHubResult<GitHubRunnerToken>.Success(new GitHubRunnerToken(content.Token, content.ExpiresAt));
            }
            else
            {
                var answer = Classify(sent.Response!);
                result = answer.Kind == GitHubFailureKind.Unavailable ? answer with { Ambiguous = true } : answer;
            }

            return Counted(endpoint, result);
        }
    }

    /// <summary>
    /// generate-jitconfig ended without a clear answer. Look the runner up by name before anything else: if
    /// GitHub created it, its JIT config is lost for good (GitHub returns it only once), so delete the runner
    /// and report the ambiguity honestly; if not, report the original failure.
    /// </summary>
    private async Task<GitHubResult<GitHubJitConfig>> RecoverJitRunnerAsync(string organization, string name, GitHubFailure original)
    {
        LogJitAmbiguous(logger, organization, name, original.Message);

        // Not the caller's token: once started, the clean-up should finish (each call has its own total timeout).
        var lookup = await ListRunnersAsync(organization, name, CancellationToken.None);
        if (!lookup.IsSuccess)
        {
            LogJitLookupFailed(logger, organization, name, lookup.Failure.Kind);
            return original with
            {
                Ambiguous = true,
                Message = $"{original.Message} GitHub may have created the runner '{name}' and it could not be checked ({lookup.Failure.Kind}).",
            };
        }

        var created = lookup.Value.Where(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (created.Count == 0)
        {
            return original with { Ambiguous = false, Message = $"{original.Message} No runner named '{name}' was created." };
        }

        var leftovers = new List<long>();
        foreach (var runner in created)
        {
            var deletion = await DeleteRunnerAsync(organization, runner.Id, CancellationToken.None);
            if (deletion.IsSuccess)
            {
                LogJitRunnerDeleted(logger, organization, name, runner.Id);
            }
            else
            {
                leftovers.Add(runner.Id);
                LogJitRunnerLeft(logger, organization, name, runner.Id, deletion.Failure.Kind);
            }
        }

        var outcome = leftovers.Count == 0
            ? $"GitHub created the runner '{name}' but its JIT config was lost in transit; the runner was deleted, so the request can be repeated."
            : $"GitHub created the runner '{name}' but its JIT config was lost in transit, and deleting it failed (runner ids {string.Join(", ", leftovers)}); it stays registered without a usable config until removed.";
        return original with { Ambiguous = true, Message = outcome };
    }

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

    private GitHubFailure Classify(IApiResponse response, bool conflictMeansNameTaken = false) =>
        GitHubResponses.Classify(response, timeProvider.GetUtcNow(), conflictMeansNameTaken);

    /// <summary>A next page exists when <c>Link</c> says so; without a <c>Link</c> header, while pages come back full.</summary>
    private static bool HasNextPage(IApiResponse response, int pageCount, int collected, long totalCount) =>
        GitHubResponses.HasLinkHeader(response.Headers)
            ? GitHubResponses.HasNextPage(response.Headers)
            : pageCount >= PageSize && collected < totalCount;

    private GitHubResult<T> Counted<T>(string endpoint, GitHubResult<T> result)
    {
        metrics.RecordCall(endpoint, GitHubCallFailures.Outcome(result.Failure));
        return result;
    }

    internal static GitHubRunner ToRunner(SelfHostedRunnerDto runner) => new(
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "generate-jitconfig for {Organization}/{RunnerName} ended ambiguously ({Reason}); looking the runner up by name")]
    private static partial void LogJitAmbiguous(ILogger logger, string organization, string runnerName, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "After an ambiguous generate-jitconfig, looking up {Organization}/{RunnerName} failed ({Kind}); GitHub may hold a runner without a config")]
    private static partial void LogJitLookupFailed(ILogger logger, string organization, string runnerName, GitHubFailureKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleted runner {RunnerId} ({Organization}/{RunnerName}) created by an ambiguous generate-jitconfig, whose config was lost")]
    private static partial void LogJitRunnerDeleted(ILogger logger, string organization, string runnerName, long runnerId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Runner {RunnerId} ({Organization}/{RunnerName}) from an ambiguous generate-jitconfig could not be deleted ({Kind})")]
    private static partial void LogJitRunnerLeft(ILogger logger, string organization, string runnerName, long runnerId, GitHubFailureKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub refused the cached installation token of {Organization} (installation {InstallationId}); minting a new one")]
    private static partial void LogTokenRejected(ILogger logger, string organization, long installationId);

    private readonly record struct Sent<TResponse>(TResponse? Response, GitHubFailure? Failure)
        where TResponse : class, IApiResponse;
}
