using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Runners.Common;

/// <summary>
/// Removes a runner at GitHub, by its GitHub id only, never by name: a name can belong to a runner the service does
/// not own. Already gone is fine: the goal is that it is not there.
/// </summary>
public sealed class RunnerRemoval(IGitHubRunners gitHub)
{
    /// <summary>
    /// Removes the runner the row owns. A row without a GitHub id owns nothing at GitHub yet, so nothing is removed:
    /// a registration-token runner that registers after its row was deleted is claimed by no row, and the sync
    /// reports it as unmanaged (and removes it with <c>Sync:RemoveUnmanagedRunners</c>).
    /// </summary>
    public Task<Result> RemoveAtGitHubAsync(Runner runner, CancellationToken cancellationToken) =>
        RemoveAtGitHubAsync(runner.Organization, runner.GitHubRunnerId, cancellationToken);

    /// <summary>Removes the runner with this GitHub id (none when null).</summary>
    public async Task<Result> RemoveAtGitHubAsync(string organization, long? gitHubRunnerId, CancellationToken cancellationToken)
    {
        if (gitHubRunnerId is not { } id)
        {
            return Result.Success();
        }

        var deleted = await gitHub.DeleteRunnerAsync(organization, id, cancellationToken);
        return deleted.IsSuccess ? Result.Success() : deleted.ToError();
    }
}
