// Deliberate violations of "Domain depends on nothing else", grouped in one file on purpose: the rule's test
// must reject each of them. Never imitate.
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;

namespace RunnerTokens.Architecture.Tests.Violations.DomainLayer;

public sealed class DomainTypeUsingApplication
{
    public IAppDbContext? Database { get; init; }
}

public sealed class DomainTypeUsingEfCore
{
    public DbContext? Context { get; init; }
}

public sealed class DomainTypeUsingAspNetCore
{
    public HttpContext? Request { get; init; }
}
