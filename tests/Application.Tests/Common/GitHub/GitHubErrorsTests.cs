using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Tests.Common.GitHub;

public sealed class GitHubErrorsTests
{
    [TestCase(GitHubFailureKind.NotFound, "github.not_found", ErrorType.Upstream)]
    [TestCase(GitHubFailureKind.NameConflict, "runner.name_conflict", ErrorType.Conflict)]
    [TestCase(GitHubFailureKind.Conflict, "github.conflict", ErrorType.Upstream)]
    [TestCase(GitHubFailureKind.Validation, "github.validation_failed", ErrorType.Upstream)]
    [TestCase(GitHubFailureKind.Unauthorized, "github.unauthorized", ErrorType.Upstream)]
    [TestCase(GitHubFailureKind.Forbidden, "github.forbidden", ErrorType.Upstream)]
    [TestCase(GitHubFailureKind.RateLimited, "github.rate_limited", ErrorType.Unavailable)]
    [TestCase(GitHubFailureKind.Unavailable, "github.unavailable", ErrorType.Unavailable)]
    public void Each_failure_kind_has_a_stable_code_and_type(GitHubFailureKind kind, string code, ErrorType type)
    {
        var error = new GitHubFailure(kind, "GitHub said no.", null, 418).ToError();

        error.Code.ShouldBe(code);
        error.Type.ShouldBe(type);
        error.Details["githubStatus"].ShouldBe(418);
    }

    [Test]
    public void Every_kind_is_mapped()
    {
        foreach (var kind in Enum.GetValues<GitHubFailureKind>())
        {
            Should.NotThrow(() => new GitHubFailure(kind, "x").ToError());
        }
    }

    [TestCase(GitHubFailureKind.RateLimited)]
    [TestCase(GitHubFailureKind.Unavailable)]
    public void Throttling_and_outages_carry_retry_after(GitHubFailureKind kind)
    {
        var error = new GitHubFailure(kind, "later", TimeSpan.FromSeconds(42)).ToError();

        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(42));
    }

    [Test]
    public void GitHubs_validation_message_is_kept()
    {
        var error = new GitHubFailure(GitHubFailureKind.Validation, "Invalid request. (labels must contain between 1 and 100 items)").ToError();

        error.Message.ShouldContain("labels must contain between 1 and 100 items");
    }

    [Test]
    public void An_ambiguous_failure_says_so()
    {
        var error = new GitHubFailure(GitHubFailureKind.Unavailable, "lost") { Ambiguous = true }.ToError();

        error.Details["ambiguous"].ShouldBe(true);
    }

    [Test]
    public void A_result_maps_its_failure_and_refuses_a_success()
    {
        GitHubResult<int> failed = new GitHubFailure(GitHubFailureKind.Forbidden, "no");
        failed.ToError().Code.ShouldBe(GitHubErrors.ForbiddenCode);
        Should.Throw<InvalidOperationException>(() => failed.Value);

        var succeeded = GitHubResult<int>.Success(1);
        Should.Throw<InvalidOperationException>(() => succeeded.ToError());
    }

    [Test]
    public void Secrets_do_not_show_in_ToString()
    {
        var token = new GitHubRunnerToken("AABF3JGZDX3P5PMEXLND6TS6FCWO6", DateTimeOffset.UnixEpoch);
        var jit = new GitHubJitConfig(new GitHubRunner(1, "r", "linux", "offline", false, []), "c2VjcmV0LWNvbmZpZw==");

        token.ToString().ShouldNotContain(token.Token);
        jit.ToString().ShouldNotContain(jit.EncodedJitConfig);
    }
}
