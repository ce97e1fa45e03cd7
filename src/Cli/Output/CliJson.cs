using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunnerTokens.Cli.Output;

/// <summary>How <c>--json</c> writes: the API's own names and enum values (the client's types carry them), indented.</summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>One line, for streams of records (<c>audit export</c>).</summary>
    public static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };

    /// <summary>An enum as the wire spells it (<c>RunnerStatus.Idle</c> is <c>idle</c>).</summary>
    public static string Wire<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        JsonSerializer.Serialize(value, Compact).Trim('"');
}
