using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.EvaluateAdmission;

/// <summary>
/// The admission decision for a runner request, without provisioning anything: for the team's members,
/// maintainers and machine identities, and admins. A refusal is an answer here, not an error.
/// </summary>
public sealed record EvaluateAdmissionQuery(string Team, IReadOnlyList<string?>? Labels, long? RunnerGroupId)
    : IQuery<Result<AdmissionDecisionDto>>, IRequiresPrincipal;
