// Deliberate violations of "Application depends on Domain only", grouped in one file on purpose: the rule's
// test must reject each of them. Never imitate.
using Microsoft.AspNetCore.Http;
using RunnerTokens.Api.Controllers;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Architecture.Tests.Violations.ApplicationLayer;

public sealed class ApplicationTypeUsingInfrastructure
{
    public AppDbContext? Database { get; init; }
}

public sealed class ApplicationTypeUsingApi
{
    public ApiControllerBase? Controller { get; init; }
}

public sealed class ApplicationTypeUsingAspNetCore
{
    public HttpContext? Request { get; init; }
}
