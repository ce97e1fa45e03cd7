using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Runners.Common;

/// <summary>Removes a runner at GitHub. Already gone is fine: the goal is that it is not there.</summary>
public sealed class RunnerRemoval(IGitHubRunners gitHub)
{
    public async Task<Result> RemoveAtGitHubAsync(Runner runner, CancellationToken cancellationToken)
    {
        var gitHubId = runner.GitHubRunnerId;
        if (gitHubId is null)
        {
            // A registration-token runner the sync has not matched yet may have registered meanwhile.
            var found = await gitHub.ListRunnersAsync(runner.Organization, runner.Name, cancellationToken);
            if (!found.IsSuccess)
            {
                return found.ToError();
            }

            gitHubId = found.Value.FirstOrDefault(r => string.Equals(r.Name, runner.Name, StringComparison.OrdinalIgnoreCase))?.Id;
            if (gitHubId is null)
            {
                return Result.Success();
            }
        }

        var deleted = await gitHub.DeleteRunnerAsync(runner.Organization, gitHubId.Value, cancellationToken);
        return deleted.IsSuccess ? Result.Success() : deleted.ToError();
    }
}
