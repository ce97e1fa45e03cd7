using System.Reflection;
using System.Runtime.CompilerServices;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using NetArchTest.Rules;

namespace RunnerTokens.Architecture.Tests;

/// <summary>
/// The rules, each a function of the types (or assembly) it judges, so that every test can run the same rule
/// against the real code (must pass) and against deliberately bad fixtures (must fail).
/// </summary>
internal static class ArchitectureRules
{
    // ---- Layers: IL dependencies of every type --------------------------------------------------------------

    public static readonly string[] DomainForbidden =
        ["RunnerTokens.Application", "RunnerTokens.Infrastructure", "RunnerTokens.Api", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore"];

    public static readonly string[] ApplicationForbidden =
        ["RunnerTokens.Infrastructure", "RunnerTokens.Api", "Microsoft.AspNetCore", "Refit"];

    public static readonly string[] InfrastructureForbidden = ["RunnerTokens.Api"];

    /// <summary>What a controller may not touch: persistence belongs in handlers.</summary>
    public static readonly string[] ControllerForbidden =
    [
        "RunnerTokens.Infrastructure.Persistence",
        "RunnerTokens.Application.Common.Interfaces.IAppDbContext",
        "Microsoft.EntityFrameworkCore",
    ];

    public static TestResult DomainDependsOnNothingElse(PredicateList types) =>
        types.ShouldNot().HaveDependencyOnAny(DomainForbidden).GetResult();

    public static TestResult ApplicationDependsOnDomainOnly(PredicateList types) =>
        types.ShouldNot().HaveDependencyOnAny(ApplicationForbidden).GetResult();

    public static TestResult InfrastructureDoesNotDependOnApi(PredicateList types) =>
        types.ShouldNot().HaveDependencyOnAny(InfrastructureForbidden).GetResult();

    public static TestResult ControllersDoNotTouchTheDatabase(PredicateList controllers) =>
        controllers.ShouldNot().HaveDependencyOnAny(ControllerForbidden).GetResult();

    // ---- Layers: assembly references (catches what the compiler links, e.g. a provider package) --------------

    public static readonly string[] DomainForbiddenReferences = ["RunnerTokens.", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore"];

    public static readonly string[] ApplicationForbiddenReferences =
    [
        "RunnerTokens.Infrastructure", "RunnerTokens.Api", "Microsoft.AspNetCore", "Refit",
        "Microsoft.EntityFrameworkCore.Sqlite", "Microsoft.EntityFrameworkCore.SqlServer", "Npgsql", "Microsoft.Data.",
    ];

    public static readonly string[] InfrastructureForbiddenReferences = ["RunnerTokens.Api"];

    /// <summary>The referenced assemblies of <paramref name="assembly"/> whose name starts with a forbidden prefix.</summary>
    public static IReadOnlyList<string> ForbiddenReferences(Assembly assembly, IEnumerable<string> forbiddenPrefixes) =>
        [.. assembly.GetReferencedAssemblies()
            .Select(a => a.Name ?? string.Empty)
            .Where(name => forbiddenPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)];

    // ---- The GitHub simulator: the host and the tests may use it, the inner layers may not ---------------------

    public const string Simulator = "RunnerTokens.GitHub.Simulator";

    public static TestResult DoesNotDependOnTheSimulator(PredicateList types) =>
        types.ShouldNot().HaveDependencyOnAny(Simulator).GetResult();

    // ---- Naming and shape of the CQRS types ------------------------------------------------------------------

    public static TestResult CommandsEndWithCommand(PredicateList commands) =>
        commands.Should().HaveNameEndingWith("Command").GetResult();

    public static TestResult QueriesEndWithQuery(PredicateList queries) =>
        queries.Should().HaveNameEndingWith("Query").GetResult();

    public static TestResult HandlersEndWithHandler(PredicateList handlers) =>
        handlers.Should().HaveNameEndingWith("Handler").GetResult();

    public static TestResult HandlersArePublicAndSealed(PredicateList handlers) =>
        handlers.Should().BePublic().And().BeSealed().GetResult();

    public static TestResult ValidatorsEndWithValidator(PredicateList validators) =>
        validators.Should().HaveNameEndingWith("Validator").GetResult();

    // ---- Selections (reflection understands open generics and inheritance) -----------------------------------

    public static bool IsCommand(Type type) => IsConcrete(type) && Implements(type, typeof(ICommand<>), typeof(ICommand));

    public static bool IsQuery(Type type) => IsConcrete(type) && Implements(type, typeof(IQuery<>));

    public static bool IsHandler(Type type) =>
        IsConcrete(type) && Implements(type, typeof(ICommandHandler<,>), typeof(ICommandHandler<>), typeof(IQueryHandler<,>));

    public static bool IsValidator(Type type) => IsConcrete(type) && DerivesFrom(type, typeof(AbstractValidator<>));

    public static bool IsController(Type type) => type.IsClass && typeof(ControllerBase).IsAssignableFrom(type);

    private static bool IsConcrete(Type type) =>
        !type.IsInterface && !type.IsAbstract && !type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);

    private static bool Implements(Type type, params Type[] interfaces) =>
        type.GetInterfaces().Any(i => interfaces.Contains(i.IsGenericType ? i.GetGenericTypeDefinition() : i));

    private static bool DerivesFrom(Type type, Type openGenericBase)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == openGenericBase)
            {
                return true;
            }
        }

        return false;
    }
}
