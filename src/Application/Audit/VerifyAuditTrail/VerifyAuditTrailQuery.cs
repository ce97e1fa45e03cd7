using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Audit.VerifyAuditTrail;

/// <summary>Seals what is pending, then walks the whole chain recomputing every hash (admin only).</summary>
public sealed record VerifyAuditTrailQuery : IQuery<Result<AuditTrailVerification>>, IRequiresPrincipal;
