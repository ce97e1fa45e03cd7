using System.Reflection;
using Mediator;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;

namespace RunnerTokens.Architecture.Tests;

/// <summary>
/// The authorization markers, judged from the handlers: a handler that reads the caller (itself, or through a
/// service it is given) must handle a message marked <see cref="IRequiresPrincipal"/>, and the admin-only use
/// cases must be marked <see cref="IAdminOnly"/>: those are exactly the messages under <c>Users</c> plus
/// <see cref="AdminOnlyElsewhere"/>. Use cases that first look a team up (so outsiders get its 404) check the
/// admin role in the handler and are not in that list.
/// </summary>
internal static class AuthorizationRules
{
    /// <summary>Admin-only messages outside <c>Users</c>, by name (their folders may move).</summary>
    public static readonly string[] AdminOnlyElsewhere = ["CreateTeamCommand", "SyncNowCommand", "GetSyncStatusQuery", "VerifyAuditTrailQuery", "ListAuditCheckpointsQuery", "ListSecurityEventsQuery"];

    private static readonly string[] PrincipalGetters = ["get_Principal", "get_Required"];

    /// <summary>Handlers, among <paramref name="types"/>, that read the caller but whose message is not marked.</summary>
    public static TestResult PrincipalReadersRequireAPrincipal(Assembly assembly, Func<Type, bool> filter)
    {
        var readers = TypesReadingThePrincipal(assembly);
        var marked = Handlers(assembly, filter)
            .Where(h => !NeedsPrincipal(h, readers) || typeof(IRequiresPrincipal).IsAssignableFrom(MessageOf(h)))
            .Select(CecilName)
            .ToHashSet(StringComparer.Ordinal);
        return Scope.Of(assembly, t => filter(t) && ArchitectureRules.IsHandler(t))
            .Should().MeetCustomRule(definition => marked.Contains(definition.FullName))
            .GetResult();
    }

    /// <summary>
    /// Handlers whose message is admin-only by place (<c>{root}.Users.*</c>) or by name must carry
    /// <see cref="IAdminOnly"/>, and no other message may.
    /// </summary>
    public static TestResult AdminOnlyUseCasesAreMarked(Assembly assembly, string root, Func<Type, bool> filter)
    {
        var agreeing = Handlers(assembly, filter)
            .Where(h => IsAdminOnlyUseCase(MessageOf(h), root) == typeof(IAdminOnly).IsAssignableFrom(MessageOf(h)))
            .Select(CecilName)
            .ToHashSet(StringComparer.Ordinal);
        return Scope.Of(assembly, t => filter(t) && ArchitectureRules.IsHandler(t))
            .Should().MeetCustomRule(definition => agreeing.Contains(definition.FullName))
            .GetResult();
    }

    public static bool IsAdminOnlyUseCase(Type message, string root) =>
        message.Namespace is { } ns && (ns == root + ".Users" || ns.StartsWith(root + ".Users.", StringComparison.Ordinal))
        || AdminOnlyElsewhere.Contains(message.Name, StringComparer.Ordinal);

    /// <summary>Full names of the (outermost) types whose code, lambdas and async state machines included, read <see cref="ICurrentPrincipal"/>'s principal.</summary>
    public static IReadOnlySet<string> TypesReadingThePrincipal(Assembly assembly)
    {
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        var principalPort = typeof(ICurrentPrincipal).FullName;
        return module.GetTypes()
            .Where(type => type.Methods.Any(method => method.HasBody && method.Body.Instructions.Any(instruction =>
                instruction.OpCode.FlowControl == FlowControl.Call
                && instruction.Operand is MethodReference called
                && called.DeclaringType.FullName == principalPort
                && PrincipalGetters.Contains(called.Name, StringComparer.Ordinal))))
            .Select(Outermost)
            .Select(type => type.FullName)
            .Where(name => name != principalPort) // Its own Required reads Principal; taking the port is not reading the caller.
            .ToHashSet(StringComparer.Ordinal);
    }

    private static bool NeedsPrincipal(Type handler, IReadOnlySet<string> readers) =>
        readers.Contains(handler.FullName!)
        || handler.GetConstructors().SelectMany(c => c.GetParameters()).Any(p => readers.Contains(p.ParameterType.FullName ?? string.Empty));

    private static IEnumerable<Type> Handlers(Assembly assembly, Func<Type, bool> filter) =>
        assembly.GetTypes().Where(t => filter(t) && ArchitectureRules.IsHandler(t));

    private static Type MessageOf(Type handler) =>
        handler.GetInterfaces()
            .Where(i => i.IsGenericType)
            .First(i => i.GetGenericTypeDefinition() is var open
                        && (open == typeof(ICommandHandler<,>) || open == typeof(ICommandHandler<>) || open == typeof(IQueryHandler<,>)))
            .GetGenericArguments()[0];

    private static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    private static string CecilName(Type type) => type.FullName!.Replace('+', '/');
}
