namespace RunnerTokens.Api.FunctionalTests.OpenApi;

/// <summary>The contract check itself can fail: it finds operations and refuses bodies that do not match.</summary>
public sealed class OpenApiContractTests
{
    private static OpenApiContract Contract => OpenApiContract.Committed;

    [Test]
    public void Finds_the_operation_of_a_request_path()
    {
        Contract.Find(HttpMethod.Get, $"/api/v1/runners/{Guid.NewGuid()}")!.Node["operationId"]!.GetValue<string>().ShouldBe("getRunner");
        Contract.Find(HttpMethod.Get, "/api/v1/audit-events/verify")!.Node["operationId"]!.GetValue<string>().ShouldBe("verifyAuditTrail");
        Contract.Find(HttpMethod.Post, "/api/v1/webhooks/github")!.Node["operationId"]!.GetValue<string>().ShouldBe("receiveGitHubWebhook");
        Contract.Find(HttpMethod.Get, "/health/live").ShouldBeNull();
    }

    [Test]
    public void Refuses_a_problem_without_its_error_code_and_an_enum_sent_as_an_integer()
    {
        var problem = Contract.Find(HttpMethod.Get, "/api/v1/runners")!.Response(404)!["content"]!["application/problem+json"]!["schema"]!;
        Contract.Validate(problem, """{"type":"x","title":"t","status":404,"traceId":"00-1"}""").ShouldNotBeEmpty();
        Contract.Validate(problem, """{"type":"x","title":"t","status":404,"traceId":"00-1","errorCode":"runner.not_found"}""").ShouldBeEmpty();
        Contract.Validate(problem, """{"type":"x","title":"t","status":404,"traceId":"00-1","errorCode":"no.such_code"}""").ShouldNotBeEmpty();

        var member = Contract.Find(HttpMethod.Put, $"/api/v1/teams/a/members/{Guid.NewGuid()}")!.RequestSchema("application/json")!;
        Contract.Validate(member, """{"role":"maintainer"}""").ShouldBeEmpty();
        Contract.Validate(member, """{"role":1}""").ShouldNotBeEmpty();
        Contract.Validate(member, """{"role":null}""").ShouldNotBeEmpty();
    }
}
