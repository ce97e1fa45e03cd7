using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Application.Common.Interfaces;

namespace RunnerTokens.Application.Tests.Runners;

/// <summary>An in-memory GitHub for handler tests: records every call, answers as configured.</summary>
public sealed class FakeGitHubRunners : IGitHubRunners
{
    private long _nextId = 1000;

    public List<(string Organization, string Name, IReadOnlyList<string> Labels, long RunnerGroupId, string? WorkFolder)> JitRequests { get; } = [];
    public List<(string Organization, long RunnerId)> Deletions { get; } = [];
    public List<string> RegistrationTokenRequests { get; } = [];
    public List<GitHubRunner> Listed { get; } = [];
    public List<GitHubRunnerGroup> Groups { get; } = [];

    /// <summary>When set, generate-jitconfig answers this failure.</summary>
    public GitHubFailure? JitFailure { get; set; }

    public GitHubFailure? DeleteFailure { get; set; }

    public string LastJitConfig { get; private set; } = string.Empty;
    public string LastRegistrationToken { get; private set; } = string.Empty;

    public Task<GitHubResult<GitHubJitConfig>> GenerateJitConfigAsync(
        string organization, string name, IReadOnlyList<string> labels, long runnerGroupId, string? workFolder, CancellationToken cancellationToken)
    {
        lock (JitRequests)
        {
            JitRequests.Add((organization, name, labels, runnerGroupId, workFolder));
            if (JitFailure is { } failure)
            {
                return Task.FromResult<GitHubResult<GitHubJitConfig>>(failure);
            }

            var id = ++_nextId;
            LastJitConfig = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + "-secret-jit-" + id;
            var runner = new GitHubRunner(id, name, "linux", "offline", false,
                [new("self-hosted", GitHubRunnerLabelType.ReadOnly), .. labels.Select(l => new GitHubRunnerLabel(l, GitHubRunnerLabelType.Custom))]);
            return Task.FromResult(GitHubResult<GitHubJitConfig>.Success(new GitHubJitConfig(runner, LastJitConfig)));
        }
    }

    public Task<GitHubResult<GitHubRunnerToken>> CreateRegistrationTokenAsync(string organization, CancellationToken cancellationToken)
    {
        RegistrationTokenRequests.Add(organization);
        LastRegistrationToken = "AABBCCSECRETREGTOKEN" + RegistrationTokenRequests.Count;
        return Task.FromResult(GitHubResult<GitHubRunnerToken>.Success(new GitHubRunnerToken(LastRegistrationToken, new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero))));
    }

    public Task<GitHubResult<GitHubRunnerToken>> CreateRemoveTokenAsync(string organization, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not used by these tests.");

    public Task<GitHubResult<IReadOnlyList<GitHubRunner>>> ListRunnersAsync(string organization, string? name, CancellationToken cancellationToken) =>
        Task.FromResult(GitHubResult<IReadOnlyList<GitHubRunner>>.Success(Listed.Where(r => name is null || r.Name == name).ToList()));

    public Task<GitHubResult<GitHubRunner>> GetRunnerAsync(string organization, long runnerId, CancellationToken cancellationToken) =>
        Task.FromResult(Listed.FirstOrDefault(r => r.Id == runnerId) is { } runner
            ? GitHubResult<GitHubRunner>.Success(runner)
            : GitHubResult<GitHubRunner>.Fail(new GitHubFailure(GitHubFailureKind.NotFound, "not found", StatusCode: 404)));

    public Task<GitHubResult<GitHubRunnerDeletion>> DeleteRunnerAsync(string organization, long runnerId, CancellationToken cancellationToken)
    {
        if (DeleteFailure is { } failure)
        {
            return Task.FromResult<GitHubResult<GitHubRunnerDeletion>>(failure);
        }

        Deletions.Add((organization, runnerId));
        return Task.FromResult(GitHubResult<GitHubRunnerDeletion>.Success(GitHubRunnerDeletion.Deleted));
    }

    public Task<GitHubResult<IReadOnlyList<GitHubRunnerGroup>>> ListRunnerGroupsAsync(string organization, CancellationToken cancellationToken) =>
        Task.FromResult(GitHubResult<IReadOnlyList<GitHubRunnerGroup>>.Success(Groups));

    public Task<GitHubResult<GitHubRunCancellation>> CancelWorkflowRunAsync(string owner, string repository, long runId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not used by these tests.");
}
