using System.Net;

namespace RunnerTokens.Client.Tests;

/// <summary>What the client writes and how it reads problems it did not expect.</summary>
public sealed class WireFormatTests
{
    [Test]
    public async Task A_merge_patch_carries_only_the_fields_that_were_set()
    {
        var stub = new StubHandler(() => StubHandler.Problem(HttpStatusCode.BadRequest, "request.validation_failed"));

        await Should.ThrowAsync<RunnerTokensProblemException>(() =>
            stub.Client().PatchTeamPolicyAsync("payments", new PatchLabelPolicyRequest { MaxRunners = 5, AllowedLabelPatterns = [] }));

        stub.Sent.Single().Body.ShouldBe("""{"allowedLabelPatterns":[],"maxRunners":5}""");
    }

    [Test]
    public async Task A_whole_policy_writes_its_required_nulls()
    {
        var stub = new StubHandler(() => StubHandler.Problem(HttpStatusCode.BadRequest, "request.validation_failed"));

        await Should.ThrowAsync<RunnerTokensProblemException>(() => stub.Client().SetTeamPolicyAsync("payments", new ReplaceLabelPolicyRequest
        {
            RequiredLabels = [],
            AllowedLabelPatterns = ["gpu"],
            AllowedRunnerGroupIds = [],
            DefaultRunnerGroupId = null,
            MaxRunners = null,
            AllowRegistrationTokens = false,
            AllowPersistentRunners = false,
        }));

        var body = stub.Sent.Single().Body.ShouldNotBeNull();
        body.ShouldContain("\"maxRunners\":null");
        body.ShouldContain("\"defaultRunnerGroupId\":null");
    }

    [Test]
    public async Task Enums_travel_as_the_contract_s_strings()
    {
        var stub = new StubHandler(() => StubHandler.Problem(HttpStatusCode.NotFound, "user.not_found"));

        await Should.ThrowAsync<RunnerTokensProblemException>(() =>
            stub.Client().SetTeamMemberAsync("payments", Guid.NewGuid(), new SetTeamMemberRequest { Role = TeamRole.Maintainer }));
        await Should.ThrowAsync<RunnerTokensProblemException>(() => stub.Client().ListRunnersAsync(status: RunnerStatus.Idle, kind: RunnerKind.Jit));

        stub.Sent[0].Body.ShouldBe("""{"role":"maintainer"}""");
        stub.Sent[1].Path.ShouldBe("/base/api/v1/runners");
    }

    [Test]
    public async Task A_problem_with_an_error_code_newer_than_the_client_still_reads()
    {
        var stub = new StubHandler(() => StubHandler.Problem(HttpStatusCode.Conflict, "runner.something_new"));

        var problem = await Should.ThrowAsync<RunnerTokensProblemException>(() => stub.Client().GetSyncStatusAsync());

        problem.ErrorCode.ShouldBe("runner.something_new");
        problem.Title.ShouldBe("Problem runner.something_new");
        problem.TraceId.ShouldBe("0af7651916cd43dd8448eb211c80319c");
        problem.Problem.ShouldBeNull("the typed problem only knows the codes of its contract");
    }

    [Test]
    public async Task An_answer_that_is_not_a_problem_is_still_an_exception_with_its_status()
    {
        var stub = new StubHandler(() => new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            ReasonPhrase = "Bad Gateway",
            Content = new StringContent("<html>proxy error</html>", System.Text.Encoding.UTF8, "text/html"),
        });

        var problem = await Should.ThrowAsync<RunnerTokensProblemException>(() => stub.Client(o => o.MaxRetries = 0).GetSyncStatusAsync());

        problem.Status.ShouldBe(HttpStatusCode.BadGateway);
        problem.ErrorCode.ShouldBeNull();
        problem.Title.ShouldBe("Bad Gateway");
    }
}
