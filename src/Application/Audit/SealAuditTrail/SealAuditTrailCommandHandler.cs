using Mediator;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Audit.SealAuditTrail;

public sealed class SealAuditTrailCommandHandler(AuditTrailSealer sealer)
    : ICommandHandler<SealAuditTrailCommand, Result<SealAuditTrailResult>>
{
    public async ValueTask<Result<SealAuditTrailResult>> Handle(SealAuditTrailCommand command, CancellationToken cancellationToken) =>
        await sealer.SealPendingAsync(command.BatchSize, command.MaxBatches, cancellationToken);
}
