using Riok.Mapperly.Abstractions;
using RunnerTokens.Application.Teams.EvaluateAdmission;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.Common;

/// <summary>
/// Label policy and admission mappings, generated at compile time by Mapperly (see docs/adr/0002). Strict: a
/// member added on either side without a mapping fails the build.
/// </summary>
[Mapper]
internal static partial class TeamsMapper
{
    [MapperIgnoreSource(nameof(LabelPolicy.Id))]
    [MapperIgnoreSource(nameof(LabelPolicy.TeamId))]
    [MapperIgnoreSource(nameof(LabelPolicy.EffectiveDefaultRunnerGroupId))]
    [MapperIgnoreSource(nameof(LabelPolicy.Settings))]
    public static partial LabelPolicyDto ToDto(this LabelPolicy policy);

    [MapperIgnoreSource(nameof(LabelPolicy.EffectiveDefaultRunnerGroupId))]
    [MapperIgnoreSource(nameof(LabelPolicy.Settings))]
    public static partial TeamAudit.LabelPolicySnapshot ToSnapshot(this LabelPolicy policy);

    [MapperIgnoreSource(nameof(AdmissionViolation.Kind))]
    public static partial AdmissionViolationDto ToDto(this AdmissionViolation violation);
}
