using Microsoft.Extensions.Logging;
using RunnerTokens.Application.Common.GitHub;

namespace RunnerTokens.Infrastructure.GitHub;

/// <summary>The compensation after a generate-jitconfig whose answer was lost.</summary>
internal sealed partial class GitHubRunnersClient
{
    /// <summary>
    /// generate-jitconfig ended without a clear answer. Look the runner up by name before anything else: if
    /// GitHub created it, its JIT config is lost for good (GitHub returns it only once), so delete the runner
    /// and report the ambiguity honestly; if not, report the original failure.
    /// </summary>
    /// <remarks>
    /// Only a runner that is exactly what this request asked for is taken as its own and deleted (by id): the
    /// name ignoring case, the requested custom labels as a set, the runner group and ephemeral (a JIT runner
    /// always is) where GitHub reports them. GitHub's runner objects carry no creation time; a runner that held
    /// the name before the request would have made GitHub refuse it (409), so a same-named runner that differs
    /// from the request was not created by it and is left alone.
    /// </remarks>
    private async Task<GitHubResult<GitHubJitConfig>> RecoverJitRunnerAsync(
        string organization, string name, IReadOnlyList<string> labels, long runnerGroupId, GitHubFailure original)
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
                MayHaveLeftRunner = true,
                Message = $"{original.Message} GitHub may have created the runner '{name}' and it could not be checked ({lookup.Failure.Kind}).",
            };
        }

        var named = lookup.Value.Where(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (named.Count == 0)
        {
            return original with { Ambiguous = false, Message = $"{original.Message} No runner named '{name}' was created." };
        }

        var created = named.Where(r => IsExactlyRequested(r, labels, runnerGroupId)).ToList();
        if (created.Count == 0)
        {
            LogJitLookalikeLeft(logger, organization, name);
            return original with
            {
                Ambiguous = false,
                Message = $"{original.Message} A runner named '{name}' exists at GitHub but is not the one requested (other labels, group or flag); it was left alone.",
            };
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
        return original with { Ambiguous = true, MayHaveLeftRunner = leftovers.Count > 0, Message = outcome };
    }

    private static bool IsExactlyRequested(GitHubRunner runner, IReadOnlyList<string> labels, long runnerGroupId)
    {
        var custom = runner.Labels.Where(l => l.Type == GitHubRunnerLabelType.Custom).Select(l => l.Name);
        return new HashSet<string>(labels, StringComparer.OrdinalIgnoreCase).SetEquals(custom)
            && (runner.RunnerGroupId is null || runner.RunnerGroupId == runnerGroupId)
            && runner.Ephemeral is null or true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "After an ambiguous generate-jitconfig, a runner named {Organization}/{RunnerName} exists but differs from the request; left alone")]
    private static partial void LogJitLookalikeLeft(ILogger logger, string organization, string runnerName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "generate-jitconfig for {Organization}/{RunnerName} ended ambiguously ({Reason}); looking the runner up by name")]
    private static partial void LogJitAmbiguous(ILogger logger, string organization, string runnerName, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "After an ambiguous generate-jitconfig, looking up {Organization}/{RunnerName} failed ({Kind}); GitHub may hold a runner without a config")]
    private static partial void LogJitLookupFailed(ILogger logger, string organization, string runnerName, GitHubFailureKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleted runner {RunnerId} ({Organization}/{RunnerName}) created by an ambiguous generate-jitconfig, whose config was lost")]
    private static partial void LogJitRunnerDeleted(ILogger logger, string organization, string runnerName, long runnerId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Runner {RunnerId} ({Organization}/{RunnerName}) from an ambiguous generate-jitconfig could not be deleted ({Kind})")]
    private static partial void LogJitRunnerLeft(ILogger logger, string organization, string runnerName, long runnerId, GitHubFailureKind kind);
}
