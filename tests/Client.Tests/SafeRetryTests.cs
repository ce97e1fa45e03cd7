using System.Net;

namespace RunnerTokens.Client.Tests;

/// <summary>
/// What the client sends again and what it never does: idempotent requests after transient failures; a POST (a JIT
/// runner, a registration token) only when the service said it did nothing and when to come back.
/// </summary>
public sealed class SafeRetryTests
{
    private const string JitRunnerJson = """
        {"id":"5f0c6a52-3f5e-4d4b-9a51-0e7f1b6f2a11","name":"ci-1","team":"payments","organization":"acme","githubRunnerId":7,
         "labels":["self-hosted","payments"],"runnerGroupId":1,"ephemeral":true,"status":"provisioning",
         "encodedJitConfig":"c2VjcmV0","runCommand":"./run.sh --jitconfig c2VjcmV0","createdAt":"2026-12-07T09:00:00Z"}
        """;

    private static readonly ProvisionJitRunnerRequest Jit = new() { Team = "payments", NamePrefix = "ci" };

    [TestCase(HttpStatusCode.ServiceUnavailable)]
    [TestCase(HttpStatusCode.BadGateway)]
    [TestCase(HttpStatusCode.GatewayTimeout)]
    [TestCase(HttpStatusCode.RequestTimeout)]
    [TestCase(HttpStatusCode.TooManyRequests)]
    public async Task A_read_is_sent_again_after_a_transient_failure(HttpStatusCode status)
    {
        var stub = new StubHandler(() => StubHandler.Problem(status, "github.unavailable"), () => StubHandler.Json(HttpStatusCode.OK, "[]"));

        var runs = await stub.Client().GetSyncStatusAsync();

        runs.ShouldBeEmpty();
        stub.Sent.Count.ShouldBe(2);
    }

    [Test]
    public async Task A_read_is_not_sent_again_after_a_server_error_or_a_refusal()
    {
        var stub = new StubHandler(() => StubHandler.Problem(HttpStatusCode.InternalServerError, "server.error"));

        var failed = await Should.ThrowAsync<RunnerTokensProblemException>(() => stub.Client().GetSyncStatusAsync());

        failed.Status.ShouldBe(HttpStatusCode.InternalServerError);
        stub.Sent.Count.ShouldBe(1);
    }

    [Test]
    public async Task A_delete_is_sent_again_after_a_transport_error()
    {
        var attempts = 0;
        var stub = new StubHandler(() => ++attempts == 1 ? throw new HttpRequestException("connection reset") : new HttpResponseMessage(HttpStatusCode.NoContent));

        await stub.Client().DeleteRunnerAsync(Guid.NewGuid());

        attempts.ShouldBe(2);
    }

    [TestCase(HttpStatusCode.BadGateway)]
    [TestCase(HttpStatusCode.GatewayTimeout)]
    [TestCase(HttpStatusCode.InternalServerError)]
    public async Task A_JIT_provisioning_is_never_sent_again_after_a_failure_that_may_have_created_the_runner(HttpStatusCode status)
    {
        var stub = new StubHandler(() => StubHandler.Problem(status, "github.unavailable"), () => StubHandler.Json(HttpStatusCode.Created, JitRunnerJson));

        var failed = await Should.ThrowAsync<RunnerTokensProblemException>(() => stub.Client().ProvisionJitRunnerAsync(Jit));

        failed.Status.ShouldBe(status);
        failed.IsRefusal.ShouldBeFalse();
        stub.Sent.Count.ShouldBe(1);
    }

    [Test]
    public async Task A_JIT_provisioning_is_not_sent_again_after_a_transport_error()
    {
        var attempts = 0;
        var stub = new StubHandler(() => ++attempts == 1 ? throw new HttpRequestException("connection reset") : StubHandler.Json(HttpStatusCode.Created, JitRunnerJson));

        await Should.ThrowAsync<HttpRequestException>(() => stub.Client().ProvisionJitRunnerAsync(Jit));

        attempts.ShouldBe(1);
    }

    [Test]
    public async Task A_JIT_provisioning_is_not_sent_again_when_GitHub_may_have_acted_even_with_retry_after()
    {
        var stub = new StubHandler(
            () => StubHandler.Problem(HttpStatusCode.ServiceUnavailable, "github.unavailable", TimeSpan.Zero, ambiguous: true),
            () => StubHandler.Json(HttpStatusCode.Created, JitRunnerJson));

        var failed = await Should.ThrowAsync<RunnerTokensProblemException>(() => stub.Client().ProvisionJitRunnerAsync(Jit));

        failed.IsAmbiguous.ShouldBeTrue();
        failed.RetryAfter.ShouldBe(TimeSpan.Zero);
        stub.Sent.Count.ShouldBe(1);
    }

    [Test]
    public async Task A_JIT_provisioning_is_not_sent_again_after_a_503_without_retry_after()
    {
        var stub = new StubHandler(
            () => StubHandler.Problem(HttpStatusCode.ServiceUnavailable, "github.unavailable"),
            () => StubHandler.Json(HttpStatusCode.Created, JitRunnerJson));

        await Should.ThrowAsync<RunnerTokensProblemException>(() => stub.Client().ProvisionJitRunnerAsync(Jit));

        stub.Sent.Count.ShouldBe(1);
    }

    [TestCase(HttpStatusCode.TooManyRequests, "request.rate_limited")]
    [TestCase(HttpStatusCode.ServiceUnavailable, "github.rate_limited")]
    public async Task A_JIT_provisioning_is_sent_again_when_the_service_did_nothing_and_said_when(HttpStatusCode status, string errorCode)
    {
        var stub = new StubHandler(
            () => StubHandler.Problem(status, errorCode, TimeSpan.Zero, ambiguous: status == HttpStatusCode.ServiceUnavailable ? false : null),
            () => StubHandler.Json(HttpStatusCode.Created, JitRunnerJson));

        var runner = await stub.Client().ProvisionJitRunnerAsync(Jit);

        runner.Name.ShouldBe("ci-1");
        stub.Sent.Count.ShouldBe(2);
        stub.Sent.ShouldAllBe(s => s.Method == HttpMethod.Post && s.Path == "/base/api/v1/runners/jit");
    }

    [Test]
    public async Task A_retry_after_longer_than_the_limit_fails_at_once_and_says_how_long()
    {
        var stub = new StubHandler(
            () => StubHandler.Problem(HttpStatusCode.TooManyRequests, "request.rate_limited", TimeSpan.FromMinutes(5)),
            () => StubHandler.Json(HttpStatusCode.OK, "[]"));

        var limited = await Should.ThrowAsync<RunnerTokensProblemException>(() => stub.Client().GetSyncStatusAsync());

        limited.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.RetryAfter.ShouldBe(TimeSpan.FromMinutes(5));
        stub.Sent.Count.ShouldBe(1);
    }

    [Test]
    public async Task The_last_attempt_s_problem_is_thrown_when_retries_run_out()
    {
        var stub = new StubHandler(() => StubHandler.Problem(HttpStatusCode.ServiceUnavailable, "github.unavailable", TimeSpan.Zero));

        var failed = await Should.ThrowAsync<RunnerTokensProblemException>(() => stub.Client(o => o.MaxRetries = 2).GetSyncStatusAsync());

        failed.ErrorCode.ShouldBe("github.unavailable");
        stub.Sent.Count.ShouldBe(3);
    }

    [Test]
    public async Task No_retry_at_all_when_retries_are_off()
    {
        var stub = new StubHandler(() => StubHandler.Problem(HttpStatusCode.ServiceUnavailable, "github.unavailable", TimeSpan.Zero));

        await Should.ThrowAsync<RunnerTokensProblemException>(() => stub.Client(o => o.MaxRetries = 0).GetSyncStatusAsync());

        stub.Sent.Count.ShouldBe(1);
    }

    [Test]
    public async Task Every_attempt_asks_the_provider_for_its_token()
    {
        var issued = 0;
        var stub = new StubHandler(() => StubHandler.Problem(HttpStatusCode.ServiceUnavailable, "github.unavailable", TimeSpan.Zero), () => StubHandler.Json(HttpStatusCode.OK, "[]"));

        await stub.Client(o => o.AccessTokenProvider = _ => ValueTask.FromResult<string?>($"token-{++issued}")).GetSyncStatusAsync();

        stub.Sent.Select(s => s.Authorization).ShouldBe(["Bearer token-1", "Bearer token-2"]);
    }
}
