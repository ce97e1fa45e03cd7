using Mediator;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Audit.VerifyAuditTrail;

/// <summary>
/// Walks the whole sealed chain recomputing every hash (admin only). Read-only: events not sealed yet are
/// counted in <see cref="AuditTrailVerification.Unsealed"/>, not sealed by this query.
/// </summary>
public sealed record VerifyAuditTrailQuery : IQuery<Result<AuditTrailVerification>>;
