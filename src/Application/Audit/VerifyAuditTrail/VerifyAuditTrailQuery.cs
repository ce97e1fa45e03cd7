using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Audit.VerifyAuditTrail;

/// <summary>
/// Walks the whole sealed chain recomputing every keyed hash (admin only). Read-only: events not sealed yet
/// are counted in <see cref="AuditTrailVerification.Unsealed"/>, not sealed by this query.
/// </summary>
/// <param name="AnchorSequence">With <paramref name="AnchorHash"/>: a chain position recorded earlier (a
/// checkpoint, a log line); the event there must still have that hash and the chain must reach it.</param>
/// <param name="AnchorHash">The hash recorded for <paramref name="AnchorSequence"/> (64 hex digits).</param>
public sealed record VerifyAuditTrailQuery(long? AnchorSequence = null, string? AnchorHash = null) : IQuery<Result<AuditTrailVerification>>, IAdminOnly;
