using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunnerTokens.Api.FunctionalTests.Infrastructure;

/// <summary>JSON as the API writes it: camelCase, enums as camelCase strings.</summary>
public static class TestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
