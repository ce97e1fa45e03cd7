namespace RunnerTokens.Api.FunctionalTests.Infrastructure;

/// <summary>
/// The claims of a GitHub Actions OIDC token, with GitHub's claim names. Defaults describe a push to
/// <c>main</c> of <c>acme/infra</c> (owner id 123, repository id 4567) running a reusable workflow of <c>acme/ci</c>.
/// Override with <c>with { ... }</c>.
/// </summary>
public sealed record GitHubActionsClaims
{
    public string Repository { get; init; } = "acme/infra";
    public string RepositoryId { get; init; } = "4567";
    public string RepositoryOwner { get; init; } = "acme";
    public string RepositoryOwnerId { get; init; } = "123";
    public string RepositoryVisibility { get; init; } = "private";
    public string Ref { get; init; } = "refs/heads/main";
    public string RefType { get; init; } = "branch";
    public string Sha { get; init; } = "2f6c1e5a9d1b6b7a0f3e4c5d6e7f8a9b0c1d2e3f";
    public string EventName { get; init; } = "push";
    public string RunId { get; init; } = "9876543210";
    public string RunNumber { get; init; } = "42";
    public string RunAttempt { get; init; } = "1";
    public string Actor { get; init; } = "octocat";
    public string ActorId { get; init; } = "583231";
    public string Workflow { get; init; } = "runners";
    public string WorkflowRef { get; init; } = "acme/infra/.github/workflows/deploy.yml@refs/heads/main";
    public string JobWorkflowRef { get; init; } = "acme/ci/.github/workflows/runners.yml@refs/heads/main";
    public string? Environment { get; init; }

    /// <summary>GitHub's default subject: <c>repo:OWNER/REPO:ref:REF</c>, or <c>repo:OWNER/REPO:environment:NAME</c>.</summary>
    public string Subject => Environment is null ? $"repo:{Repository}:ref:{Ref}" : $"repo:{Repository}:environment:{Environment}";

    public IReadOnlyDictionary<string, object> ToClaims()
    {
        var claims = new Dictionary<string, object>
        {
            ["repository"] = Repository,
            ["repository_id"] = RepositoryId,
            ["repository_owner"] = RepositoryOwner,
            ["repository_owner_id"] = RepositoryOwnerId,
            ["repository_visibility"] = RepositoryVisibility,
            ["ref"] = Ref,
            ["ref_type"] = RefType,
            ["sha"] = Sha,
            ["event_name"] = EventName,
            ["run_id"] = RunId,
            ["run_number"] = RunNumber,
            ["run_attempt"] = RunAttempt,
            ["actor"] = Actor,
            ["actor_id"] = ActorId,
            ["workflow"] = Workflow,
            ["workflow_ref"] = WorkflowRef,
            ["job_workflow_ref"] = JobWorkflowRef,
            ["runner_environment"] = "github-hosted",
        };
        if (Environment is not null)
        {
            claims["environment"] = Environment;
        }

        return claims;
    }
}
