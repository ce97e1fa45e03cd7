using System.Collections;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace RunnerTokens.Infrastructure.Tests.Persistence;

/// <summary>
/// Every mapped value of a tracked entity, by property path, read through EF metadata so that new
/// properties, complex properties and owned references are covered without touching this class.
/// </summary>
internal static class EntitySnapshot
{
    public static Dictionary<string, object?> Take(EntityEntry entry)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        Collect(entry, string.Empty, values);
        return values;
    }

    /// <summary>Paths whose value differs between two snapshots, with both values.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyDictionary<string, object?> expected, IReadOnlyDictionary<string, object?> actual) =>
        [.. expected.Keys.Union(actual.Keys)
            .Where(path => !ValuesEqual(expected.GetValueOrDefault(path), actual.GetValueOrDefault(path)))
            .Select(path => $"{path}: wrote {Show(expected.GetValueOrDefault(path))}, read {Show(actual.GetValueOrDefault(path))}")];

    /// <summary>Paths holding a default value (null, empty, zero, false, the first enum member).</summary>
    public static IReadOnlyList<string> DefaultValued(IReadOnlyDictionary<string, object?> snapshot) =>
        [.. snapshot.Where(pair => IsDefault(pair.Value)).Select(pair => pair.Key)];

    private static void Collect(EntityEntry entry, string prefix, Dictionary<string, object?> values)
    {
        foreach (var property in entry.Metadata.GetProperties())
        {
            values[prefix + property.Name] = entry.Property(property.Name).CurrentValue;
        }

        foreach (var complex in entry.Metadata.GetComplexProperties())
        {
            if (complex.IsCollection)
            {
                values[prefix + complex.Name + ".Count"] = (entry.ComplexCollection(complex.Name).CurrentValue as IEnumerable)?.Cast<object>().Count();
            }
            else
            {
                CollectComplex(entry.ComplexProperty(complex.Name), prefix + complex.Name + ".", values);
            }
        }

        foreach (var navigation in entry.Metadata.GetNavigations().Where(n => n.ForeignKey.IsOwnership && !n.IsOnDependent))
        {
            var path = prefix + navigation.Name;
            if (navigation.IsCollection)
            {
                values[path + ".Count"] = (entry.Collection(navigation.Name).CurrentValue as IEnumerable)?.Cast<object>().Count();
                continue;
            }

            var target = entry.Reference(navigation.Name).TargetEntry;
            values[path] = target is null ? null : "(present)";
            if (target is not null)
            {
                Collect(target, path + ".", values);
            }
        }
    }

    private static void CollectComplex(ComplexPropertyEntry entry, string prefix, Dictionary<string, object?> values)
    {
        if (entry.CurrentValue is null)
        {
            values[prefix.TrimEnd('.')] = null;
            return;
        }

        foreach (var property in entry.Metadata.ComplexType.GetProperties())
        {
            values[prefix + property.Name] = entry.Property(property.Name).CurrentValue;
        }

        foreach (var complex in entry.Metadata.ComplexType.GetComplexProperties().Where(c => !c.IsCollection))
        {
            CollectComplex(entry.ComplexProperty(complex.Name), prefix + complex.Name + ".", values);
        }
    }

    private static bool ValuesEqual(object? expected, object? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string a, string b) => a == b,
        (IEnumerable a, IEnumerable b) => a.Cast<object?>().SequenceEqual(b.Cast<object?>(), ValueComparer.Instance),
        _ => expected.Equals(actual),
    };

    private static bool IsDefault(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        IEnumerable e => !e.Cast<object?>().Any(),
        _ when value.GetType().IsValueType => value.Equals(Activator.CreateInstance(value.GetType())),
        _ => false,
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        DateTimeOffset time => time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        string s => $"\"{s}\"",
        IEnumerable e => $"[{string.Join(", ", e.Cast<object?>().Select(Show))}]",
        _ => value.ToString() ?? string.Empty,
    };

    private sealed class ValueComparer : IEqualityComparer<object?>
    {
        public static readonly ValueComparer Instance = new();

        public new bool Equals(object? x, object? y) => ValuesEqual(x, y);

        public int GetHashCode(object? obj) => 0;
    }
}
