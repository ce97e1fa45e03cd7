using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RunnerTokens.Infrastructure.Persistence.Converters;

/// <summary>
/// Stores a list as a JSON array in one text column: the same on SQLite, SQL Server and PostgreSQL.
/// Used for values read and written as a whole (a policy's labels, patterns and groups), never queried inside.
/// </summary>
/// <remarks>
/// Read into an array of the exact length (elements counted first), not through a growing list: every runner row of
/// a list has two of these columns (docs/performance.md, seventh pass).
/// </remarks>
internal sealed class JsonListConverter<T>() : ValueConverter<IReadOnlyList<T>, string>(
    list => Serialize(list),
    json => Deserialize(json))
{
    private const int StackBufferBytes = 512;

    private static readonly JsonSerializerOptions Options = ReadOnlyGeneralOptions();

    private static readonly JsonTypeInfo<T> ElementInfo = (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions ReadOnlyGeneralOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static string Serialize(IReadOnlyList<T> list) => JsonSerializer.Serialize(list, Options);

    private static IReadOnlyList<T> Deserialize(string json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        var maxBytes = Encoding.UTF8.GetMaxByteCount(json.Length);
        byte[]? rented = null;
        var buffer = maxBytes <= StackBufferBytes ? stackalloc byte[StackBufferBytes] : rented = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            return Read(buffer[..Encoding.UTF8.GetBytes(json, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static IReadOnlyList<T> Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"A stored list column holds {reader.TokenType}, not a JSON array.");
        }

        var counter = reader; // a copy: counting moves it, not the reader
        var count = 0;
        while (counter.Read() && counter.TokenType != JsonTokenType.EndArray)
        {
            counter.Skip();
            count++;
        }

        if (count == 0)
        {
            return [];
        }

        var items = new T[count];
        for (var i = 0; i < count; i++)
        {
            reader.Read();
            items[i] = JsonSerializer.Deserialize(ref reader, ElementInfo)!;
        }

        return items;
    }
}
