using System.Reflection;
using RunnerTokens.Api.Auth;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Api.OpenApi;

/// <summary>
/// Every <c>errorCode</c> the service can return, published as the enum of <c>Problem.errorCode</c>. Generated from
/// code: the <see cref="Error"/> values of the Domain and Application (static fields and properties of any type,
/// the factory methods and <c>*Code</c> constants of the <c>*Errors</c> classes), plus the codes the Api writes
/// itself and the few created inline in handlers (<see cref="WrittenInline"/>). A functional test scans the
/// sources for every code literal and fails when one is missing here.
/// </summary>
internal static class ErrorCodeCatalogue
{
    /// <summary>Codes not reachable by reflection: the Api's own problems and codes created inline.</summary>
    internal static readonly IReadOnlyList<string> WrittenInline =
    [
        // Api: exception handler, model binding, status-code pages, rate limiter (src/Api/Errors, Infrastructure).
        "request.validation_failed", "request.invalid", "request.too_large", "request.cancelled", "request.rate_limited",
        "request.method_not_allowed", "request.not_acceptable", "request.unsupported_media_type", "request.invalid_if_match",
        "auth.forbidden", "resource.not_found", "resource.conflict", "service.unavailable", "server.unexpected",
        BearerChallenge.Unauthenticated, BearerChallenge.InvalidToken,

        // Application handlers that build their error inline.
        "request.invalid_outcome", "request.invalid_severity", "github.runner_group_not_found",

        // The dashboard's session (src/Web), refused like an API call without a token.
        "auth.not_signed_in",
    ];

    public static IReadOnlyList<string> All { get; } = Collect();

    private static string[] Collect()
    {
        var assemblies = new[] { typeof(Error).Assembly, typeof(Application.DependencyInjection).Assembly };
        var codes = new HashSet<string>(WrittenInline, StringComparer.Ordinal);
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => !t.ContainsGenericParameters))
        {
            const BindingFlags statics = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var field in type.GetFields(statics))
            {
                if (field.FieldType == typeof(Error) && field.GetValue(null) is Error error)
                {
                    codes.Add(error.Code);
                }
                else if (type.Name.EndsWith("Errors", StringComparison.Ordinal) && field is { IsLiteral: true } && field.FieldType == typeof(string)
                    && field.Name.EndsWith("Code", StringComparison.Ordinal) && field.GetRawConstantValue() is string code)
                {
                    codes.Add(code);
                }
            }

            foreach (var property in type.GetProperties(statics).Where(p => p.PropertyType == typeof(Error) && p.GetIndexParameters().Length == 0))
            {
                if (property.GetValue(null) is Error error)
                {
                    codes.Add(error.Code);
                }
            }

            if (!type.Name.EndsWith("Errors", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var method in type.GetMethods(statics).Where(m => m.ReturnType == typeof(Error) && !m.ContainsGenericParameters))
            {
                if (TryInvoke(method) is { } error)
                {
                    codes.Add(error.Code);
                }
            }
        }

        return [.. codes.Order(StringComparer.Ordinal)];
    }

    /// <summary>A factory method's code does not depend on its arguments: call it with harmless ones.</summary>
    private static Error? TryInvoke(MethodInfo method)
    {
        try
        {
            var arguments = method.GetParameters().Select(p => Harmless(p.ParameterType)).ToArray();
            return method.Invoke(null, arguments) as Error;
        }
        catch (TargetInvocationException)
        {
            return null; // the source scan test reports a code this misses
        }
    }

    private static object? Harmless(Type type) =>
        type == typeof(string) ? "x"
        : type.IsArray ? Array.CreateInstance(type.GetElementType()!, 0)
        : type.IsGenericType && type.GetGenericTypeDefinition() is var generic
            && (generic == typeof(IReadOnlyList<>) || generic == typeof(IEnumerable<>) || generic == typeof(IReadOnlyCollection<>))
            ? Array.CreateInstance(type.GetGenericArguments()[0], 0)
        : type.IsValueType ? Activator.CreateInstance(type)
        : null;
}
