using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RunnerTokens.Application.Runners.Common;

namespace RunnerTokens.Api.Infrastructure;

/// <summary>
/// Writes a runner's label lists by index. The built-in converter for <see cref="IReadOnlyList{T}"/> writes through
/// <see cref="IEnumerable{T}"/>, boxing an enumerator per list: two per runner, 40 per page of a list (issue 10). The
/// bytes are the built-in converter's (<c>SourceGeneratedJsonTests</c> compares them). Only on runners, which are never
/// read from a request: request bodies keep the built-in converter and the error messages built from its exceptions.
/// </summary>
public sealed class IndexedStringListConverter : JsonConverter<IReadOnlyList<string>>
{
    private static readonly IndexedStringListConverter Instance = new();

    /// <summary>A <see cref="JsonTypeInfo"/> modifier: this converter on the string lists of <see cref="RunnerDto"/> and its subtypes.</summary>
    public static void UseOnRunnerLabels(JsonTypeInfo typeInfo)
    {
        if (!typeInfo.Type.IsAssignableTo(typeof(RunnerDto)))
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType == typeof(IReadOnlyList<string>))
            {
                property.CustomConverter = Instance;
            }
        }
    }

    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException(); // the serializer adds the path and the type, as for its own converters
        }

        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString()!,
                JsonTokenType.Null => null!,
                _ => throw new JsonException(),
            });
        }

        return items;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        for (var i = 0; i < value.Count; i++)
        {
            writer.WriteStringValue(value[i]);
        }

        writer.WriteEndArray();
    }
}
