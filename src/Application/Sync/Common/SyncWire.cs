using System.Text.Json;

namespace RunnerTokens.Application.Sync.Common;

/// <summary>Enum values as the sync writes them into audit details and metric labels (snake_case).</summary>
internal static class SyncWire
{
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
