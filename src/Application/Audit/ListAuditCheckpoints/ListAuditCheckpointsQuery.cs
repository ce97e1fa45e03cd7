using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Audit.ListAuditCheckpoints;

/// <summary>The newest signed checkpoints of the audit chain, newest first (admin only): copy them elsewhere as anchors.</summary>
/// <param name="Limit">1..200, default 50.</param>
public sealed record ListAuditCheckpointsQuery(int? Limit = null) : IQuery<Result<IReadOnlyList<AuditCheckpointDto>>>, IAdminOnly;
