using System.Reflection;
using RunnerTokens.Api.Controllers;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Common;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Architecture.Tests;

/// <summary>The assemblies under test, and the test assembly that holds the deliberate violations.</summary>
internal static class Layers
{
    public static readonly Assembly Domain = typeof(Entity).Assembly;
    public static readonly Assembly Application = typeof(IAppDbContext).Assembly;
    public static readonly Assembly Infrastructure = typeof(AppDbContext).Assembly;
    public static readonly Assembly Api = typeof(ApiControllerBase).Assembly;
    public static readonly Assembly Tests = typeof(Layers).Assembly;

    public static readonly Assembly[] Production = [Domain, Application, Infrastructure, Api];

    /// <summary>Namespace of the deliberately bad fixture types, one sub-namespace per rule.</summary>
    public const string Violations = "RunnerTokens.Architecture.Tests.Violations";

    /// <summary>Namespace of well-formed fixture types that the naming rules must accept.</summary>
    public const string Conforming = "RunnerTokens.Architecture.Tests.Conforming";
}
