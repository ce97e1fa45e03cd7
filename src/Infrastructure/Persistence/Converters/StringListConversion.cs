using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunnerTokens.Infrastructure.Persistence.Converters;

/// <summary>Stores a list of strings as one JSON array column: the same on SQLite, SQL Server and PostgreSQL.</summary>
internal static class StringListConversion
{
    private static readonly ValueComparer<List<string>> Comparer = new(
        (a, b) => a != null && b != null && a.SequenceEqual(b),
        list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode(StringComparison.Ordinal))),
        list => list.ToList());

    public static PropertyBuilder<List<string>> HasJsonListConversion(this PropertyBuilder<List<string>> property) =>
        property
            .HasConversion(
                list => JsonSerializer.Serialize(list, JsonSerializerOptions.Default),
                json => JsonSerializer.Deserialize<List<string>>(json, JsonSerializerOptions.Default) ?? new List<string>(),
                Comparer)
            .IsRequired();
}
