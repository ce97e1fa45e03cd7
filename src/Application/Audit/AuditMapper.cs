using System.Text.Json;
using Riok.Mapperly.Abstractions;
using RunnerTokens.Application.Audit.ListAuditEvents;
using RunnerTokens.Application.Audit.ListSecurityEvents;
using RunnerTokens.Domain.Audit;

namespace RunnerTokens.Application.Audit;

/// <summary>
/// Entity to DTO mappings, generated at compile time by Mapperly (the house mapper). Strict: a field added
/// on either side without a mapping fails the build (RMG012/RMG020 are warnings, and warnings are errors).
/// </summary>
[Mapper]
public static partial class AuditMapper
{
    [MapperIgnoreTarget(nameof(AuditEventDto.Team))]
    [MapperIgnoreSource(nameof(AuditEvent.InsertMac))]
    [MapProperty(nameof(AuditEvent.DetailsJson), nameof(AuditEventDto.Details), Use = nameof(ParseDetails))]
    public static partial AuditEventDto ToDto(this AuditEvent source);

    [MapperIgnoreTarget(nameof(SecurityEventDto.Team))]
    [MapProperty(nameof(SecurityEvent.DetailsJson), nameof(SecurityEventDto.Details), Use = nameof(ParseDetails))]
    public static partial SecurityEventDto ToDto(this SecurityEvent source);

    /// <summary>Details are stored as JSON text; a value that is not JSON (hand-edited) is returned as a string.</summary>
    [UserMapping(Default = false)]
    private static JsonElement ParseDetails(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }
}
