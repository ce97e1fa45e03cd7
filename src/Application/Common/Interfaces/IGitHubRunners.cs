using RunnerTokens.Application.Common.GitHub;

namespace RunnerTokens.Application.Common.Interfaces;

/// <summary>
/// The service's only way to talk to GitHub about self-hosted runners. Every call answers with a typed
/// <see cref="GitHubResult{T}"/>: expected GitHub failures (not found, name conflict, validation, auth,
/// rate limits, outages) are values, never exceptions. Cancelling a call's <c>cancellationToken</c>
/// still throws <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>
/// Organizations are matched case-insensitively against <c>GitHub:Organizations</c>; an organization that is
/// not configured answers <see cref="GitHubFailureKind.NotFound"/> without calling GitHub.
/// Nothing returned here may be logged or stored in clear when it is a secret (JIT config, tokens).
/// </remarks>
public interface IGitHubRunners
{
    /// <summary>
    /// <c>POST /orgs/{org}/actions/runners/generate-jitconfig</c>. Never resent blindly: after an ambiguous
    /// failure (timeout, connection reset, 5xx) the runner is looked up by name; a runner found that way is
    /// deleted (its JIT config cannot be recovered) and the call fails with
    /// <see cref="GitHubFailure.Ambiguous"/> set, so the caller may simply try again.
    /// </summary>
    /// <param name="organization">The organization login.</param>
    /// <param name="name">The runner name (unique in the organization; a taken name answers NameConflict).</param>
    /// <param name="labels">Custom labels, 1 to 100.</param>
    /// <param name="runnerGroupId">The runner group to register into (GitHub requires one; the default group is usually 1).</param>
    /// <param name="workFolder">Work folder relative to the runner install directory; null lets GitHub use <c>_work</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<GitHubResult<GitHubJitConfig>> GenerateJitConfigAsync(
        string organization,
        string name,
        IReadOnlyList<string> labels,
        long runnerGroupId,
        string? workFolder,
        CancellationToken cancellationToken);

    /// <summary><c>POST /orgs/{org}/actions/runners/registration-token</c> (no body; not resent after an ambiguous failure).</summary>
    Task<GitHubResult<GitHubRunnerToken>> CreateRegistrationTokenAsync(string organization, CancellationToken cancellationToken);

    /// <summary><c>POST /orgs/{org}/actions/runners/remove-token</c> (no body; not resent after an ambiguous failure).</summary>
    Task<GitHubResult<GitHubRunnerToken>> CreateRemoveTokenAsync(string organization, CancellationToken cancellationToken);

    /// <summary>
    /// <c>GET /orgs/{org}/actions/runners</c>, every page (<c>per_page=100</c>), de-duplicated by id because a
    /// runner can move between pages while they are read. <paramref name="name"/> filters by exact runner name.
    /// </summary>
    Task<GitHubResult<IReadOnlyList<GitHubRunner>>> ListRunnersAsync(string organization, string? name, CancellationToken cancellationToken);

    /// <summary><c>GET /orgs/{org}/actions/runners/{runner_id}</c>.</summary>
    Task<GitHubResult<GitHubRunner>> GetRunnerAsync(string organization, long runnerId, CancellationToken cancellationToken);

    /// <summary>
    /// <c>DELETE /orgs/{org}/actions/runners/{runner_id}</c>. A 404 is a success with
    /// <see cref="GitHubRunnerDeletion.AlreadyGone"/>; a busy runner answers Validation (422).
    /// </summary>
    Task<GitHubResult<GitHubRunnerDeletion>> DeleteRunnerAsync(string organization, long runnerId, CancellationToken cancellationToken);

    /// <summary><c>GET /orgs/{org}/actions/runner-groups</c>, every page.</summary>
    Task<GitHubResult<IReadOnlyList<GitHubRunnerGroup>>> ListRunnerGroupsAsync(string organization, CancellationToken cancellationToken);

    /// <summary>
    /// <c>POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel</c> (no body). 202 is
    /// <see cref="GitHubRunCancellation.Requested"/>; 409 (the run can no longer be cancelled) is
    /// <see cref="GitHubRunCancellation.NotCancellable"/>. The owner must be a configured organization.
    /// Needs the App's <c>actions: write</c> permission (a separate installation token is minted for it).
    /// </summary>
    Task<GitHubResult<GitHubRunCancellation>> CancelWorkflowRunAsync(string owner, string repository, long runId, CancellationToken cancellationToken);
}
