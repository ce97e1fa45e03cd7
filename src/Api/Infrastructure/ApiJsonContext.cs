using System.Text.Json.Serialization;
using RunnerTokens.Api.Contracts.MachineIdentities;
using RunnerTokens.Api.Contracts.Runners;
using RunnerTokens.Api.Contracts.Teams;
using RunnerTokens.Api.Contracts.Users;
using RunnerTokens.Application.Audit.ListAuditCheckpoints;
using RunnerTokens.Application.Audit.ListAuditEvents;
using RunnerTokens.Application.Audit.ListSecurityEvents;
using RunnerTokens.Application.Audit.VerifyAuditTrail;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Identity.GetCurrentPrincipal;
using RunnerTokens.Application.MachineIdentities;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Application.Runners.DeleteTeamRunners;
using RunnerTokens.Application.Runners.GetRunner;
using RunnerTokens.Application.Sync.Common;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Application.Teams.EvaluateAdmission;
using RunnerTokens.Application.Users;
using RunnerTokens.Application.Webhooks.ReceiveGitHubWebhook;

namespace RunnerTokens.Api.Infrastructure;

/// <summary>
/// Source-generated JSON metadata for the API's response bodies and its record request bodies: no reflection
/// (and no Reflection.Emit accessors) to describe them at run time. <b>Metadata only</b>: the names, enums and null
/// handling still come from the MVC options it is chained into (<see cref="WireNamingPolicy"/>, camelCase string
/// enums, nulls written), so the wire stays byte for byte what reflection wrote; a type missing here falls back to
/// reflection. <see cref="Contracts.WholeObjectRequest"/> bodies are deliberately left out: the generated setters
/// would report every required member as sent.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(Page<RunnerDto>))]
[JsonSerializable(typeof(RunnerDetailsDto))]
[JsonSerializable(typeof(JitRunnerResponse))]
[JsonSerializable(typeof(RegistrationTokenResponse))]
[JsonSerializable(typeof(BulkDeletionReport))]
[JsonSerializable(typeof(TeamDto))]
[JsonSerializable(typeof(Page<TeamDto>))]
[JsonSerializable(typeof(TeamMemberDto))]
[JsonSerializable(typeof(Page<TeamMemberDto>))]
[JsonSerializable(typeof(LabelPolicyDto))]
[JsonSerializable(typeof(Page<LabelPolicyDto>))]
[JsonSerializable(typeof(AdmissionDecisionDto))]
[JsonSerializable(typeof(UserDto))]
[JsonSerializable(typeof(Page<UserDto>))]
[JsonSerializable(typeof(CurrentPrincipalDto))]
[JsonSerializable(typeof(MachineIdentityDto))]
[JsonSerializable(typeof(IReadOnlyList<MachineIdentityDto>))]
[JsonSerializable(typeof(Page<AuditEventDto>))]
[JsonSerializable(typeof(Page<SecurityEventDto>))]
[JsonSerializable(typeof(IReadOnlyList<AuditCheckpointDto>))]
[JsonSerializable(typeof(AuditTrailVerification))]
[JsonSerializable(typeof(IReadOnlyList<SyncRunDto>))]
[JsonSerializable(typeof(WebhookReceipt))]
[JsonSerializable(typeof(ProvisionJitRunnerRequest))]
[JsonSerializable(typeof(RegistrationTokenRequest))]
[JsonSerializable(typeof(DeleteTeamRunnersRequest))]
[JsonSerializable(typeof(CreateTeamRequest))]
[JsonSerializable(typeof(UpdateTeamRequest))]
[JsonSerializable(typeof(DeactivateTeamRequest))]
[JsonSerializable(typeof(SetTeamMemberRequest))]
[JsonSerializable(typeof(EvaluateAdmissionRequest))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(UpdateUserRequest))]
[JsonSerializable(typeof(CreateMachineIdentityRequest))]
[JsonSerializable(typeof(UpdateMachineIdentityRequest))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
