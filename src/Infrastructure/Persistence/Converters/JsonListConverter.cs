using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RunnerTokens.Infrastructure.Persistence.Converters;

/// <summary>
/// Stores a list as a JSON array in one text column: the same on SQLite, SQL Server and PostgreSQL.
/// Used for values read and written as a whole (a policy's labels, patterns and groups), never queried inside.
/// </summary>
internal sealed class JsonListConverter<T>() : ValueConverter<IReadOnlyList<T>, string>(
    list => Serialize(list),
    json => Deserialize(json))
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    private static string Serialize(IReadOnlyList<T> list) => JsonSerializer.Serialize(list, Options);

    private static IReadOnlyList<T> Deserialize(string json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<T>>(json, Options) ?? [];
}
