using System.Reflection;
using NetArchTest.Rules;

namespace RunnerTokens.Architecture.Tests;

/// <summary>
/// Selects types with reflection (which understands open generic interfaces and inherited base classes) and
/// hands exactly those types to NetArchTest, whose conditions then inspect their IL dependencies.
/// </summary>
internal static class Scope
{
    public static PredicateList Of(IEnumerable<Assembly> assemblies, Func<Type, bool> filter)
    {
        var list = assemblies.ToList();
        var names = list.SelectMany(LoadableTypes).Where(filter).Select(t => t.FullName!.Replace('+', '/')).ToHashSet(StringComparer.Ordinal);
        return Types.InAssemblies(list).That().MeetCustomRule(definition => names.Contains(definition.FullName));
    }

    public static PredicateList Of(Assembly assembly, Func<Type, bool> filter) => Of([assembly], filter);

    /// <summary>Every type of the assembly, nested and compiler-generated ones included.</summary>
    public static PredicateList Assembly(Assembly assembly) => Of(assembly, _ => true);

    /// <summary>The types in <paramref name="ns"/> and its sub-namespaces (nested types included).</summary>
    public static PredicateList Namespace(Assembly assembly, string ns) =>
        Of(assembly, t => t.Namespace is { } n && (n == ns || n.StartsWith(ns + ".", StringComparison.Ordinal)));

    public static bool IsInProduction(Type type) => !type.Assembly.Equals(Layers.Tests);

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }
}
