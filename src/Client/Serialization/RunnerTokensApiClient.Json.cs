using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RunnerTokens.Client;

/// <summary>How the generated client writes bodies.</summary>
public partial class RunnerTokensApiClient
{
    /// <summary>
    /// An optional property left null is left out of the body (absent, as the contract means it: "not given", so a
    /// merge-patch changes only what was set), while a required one is always written, null included (a whole
    /// policy's <c>maxRunners: null</c> means unlimited). NSwag would otherwise send every unset field as null.
    /// </summary>
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        settings.TypeInfoResolver = (settings.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(OmitUnsetOptionalProperties);
    }

    internal static void OmitUnsetOptionalProperties(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.Type.Assembly != typeof(RunnerTokensApiClient).Assembly)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (!property.IsRequired && property.ShouldSerialize is null)
            {
                property.ShouldSerialize = static (_, value) => value is not null;
            }
        }
    }
}
