using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Infrastructure.GitHub.Api;
using RunnerTokens.Infrastructure.GitHub.Options;

namespace RunnerTokens.Infrastructure.GitHub.Auth;

/// <summary>
/// Installation tokens per installation and scope: minted with <c>POST /app/installations/{id}/access_tokens</c>
/// asking only for the scope's permission, cached until five minutes before <c>expires_at</c>, single-flight
/// (concurrent callers share one mint), dropped when GitHub answers 401 to it.
/// </summary>
internal sealed partial class InstallationTokenCache(
    IGitHubAppApi appApi,
    GitHubAppJwtSigner jwtSigner,
    GitHubMetrics metrics,
    IOptions<GitHubOptions> options,
    TimeProvider timeProvider,
    ILogger<InstallationTokenCache> logger)
{
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<(long InstallationId, InstallationTokenScope Scope), Entry> _entries = new();

    /// <summary>A token valid for at least five more minutes, minting one if needed.</summary>
    public async Task<GitHubResult<InstallationAccessToken>> GetAsync(long installationId, InstallationTokenScope scope, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd((installationId, scope), _ => new Entry());
        Task<GitHubResult<InstallationAccessToken>> mint;
        lock (entry.Gate)
        {
            if (entry.Token is { } cached && cached.ExpiresAt - timeProvider.GetUtcNow() > RefreshMargin)
            {
                return GitHubResult<InstallationAccessToken>.Success(cached);
            }

            // Not tied to one caller's cancellation: every waiter shares this mint.
            mint = entry.Minting ??= MintAsync(entry, installationId, scope);
        }

        return await mint.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Drops <paramref name="rejected"/> if it is still the cached token (GitHub answered 401 to it). Keyed by the
    /// instance this cache handed out, not by its value: a caller still holding a token that was already replaced
    /// leaves the replacement alone even if GitHub (or a test double) answered the re-mint with the same value.
    /// </summary>
    public void Invalidate(long installationId, InstallationTokenScope scope, InstallationAccessToken rejected)
    {
        if (_entries.TryGetValue((installationId, scope), out var entry))
        {
            lock (entry.Gate)
            {
                if (ReferenceEquals(entry.Token, rejected))
                {
                    entry.Token = null;
                }
            }
        }
    }

    private async Task<GitHubResult<InstallationAccessToken>> MintAsync(Entry entry, long installationId, InstallationTokenScope scope)
    {
        // Leave the caller's lock before any work, so the task is published before it can complete.
        await Task.Yield();
        GitHubResult<InstallationAccessToken> result;
        try
        {
            result = await MintCoreAsync(installationId, scope);
        }
        catch (Exception ex)
        {
            result = GitHubResult<InstallationAccessToken>.Fail(
                GitHubCallFailures.FromException(ex, options.Value.Resilience, CancellationToken.None)
                ?? throw new InvalidOperationException("Minting an installation token failed unexpectedly.", ex));
        }

        lock (entry.Gate)
        {
            if (result.IsSuccess)
            {
                entry.Token = result.Value;
            }

            entry.Minting = null;
        }

        metrics.RecordCall("installation-token", GitHubCallFailures.Outcome(result.Failure));
        if (result.IsSuccess)
        {
            LogMinted(logger, installationId, scope, result.Value.ExpiresAt);
        }
        else
        {
            LogMintFailed(logger, installationId, scope, result.Failure.Kind, result.Failure.StatusCode);
        }

        return result;
    }

    private async Task<GitHubResult<InstallationAccessToken>> MintCoreAsync(long installationId, InstallationTokenScope scope)
    {
        var body = new InstallationTokenRequest(Permissions(scope));
        for (var attempt = 0; ; attempt++)
        {
            var jwt = jwtSigner.GetToken();
            using var response = await appApi.CreateInstallationTokenAsync(installationId, body, "Bearer " + jwt, CancellationToken.None);
            if (response.HasRequestError(out var requestError))
            {
                return GitHubCallFailures.FromException(requestError, options.Value.Resilience, CancellationToken.None)
                    ?? new GitHubFailure(GitHubFailureKind.Unavailable, "GitHub could not be reached.");
            }

            if (response.IsSuccessStatusCode && response.Content is { } content)
            {
                return GitHubResult<InstallationAccessToken>.Success(new InstallationAccessToken(content.Token, content.ExpiresAt));
            }

            if (GitHubResponses.StatusOf(response) == System.Net.HttpStatusCode.Unauthorized && attempt == 0)
            {
                // The App JWT was refused (clock skew, rotated key): sign a fresh one once.
                jwtSigner.Invalidate(jwt);
                continue;
            }

            return GitHubResponses.Classify(response, timeProvider.GetUtcNow());
        }
    }

    private static Dictionary<string, string> Permissions(InstallationTokenScope scope) => scope switch
    {
        InstallationTokenScope.Actions => new() { ["actions"] = "write" },
        _ => new() { ["organization_self_hosted_runners"] = "write" },
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Minted a GitHub installation token for installation {InstallationId} ({Scope}), valid until {ExpiresAt:O}")]
    private static partial void LogMinted(ILogger logger, long installationId, InstallationTokenScope scope, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Minting a GitHub installation token for installation {InstallationId} ({Scope}) failed: {Kind} ({Status})")]
    private static partial void LogMintFailed(ILogger logger, long installationId, InstallationTokenScope scope, GitHubFailureKind kind, int? status);

    private sealed class Entry
    {
        public Lock Gate { get; } = new();

        public InstallationAccessToken? Token { get; set; }

        public Task<GitHubResult<InstallationAccessToken>>? Minting { get; set; }
    }
}
