using FluentValidation;

namespace RunnerTokens.Application.Audit.SealAuditTrail;

public sealed class SealAuditTrailCommandValidator : AbstractValidator<SealAuditTrailCommand>
{
    public SealAuditTrailCommandValidator()
    {
        RuleFor(c => c.BatchSize).InclusiveBetween(1, AuditTrailSealer.MaxBatchSize);
        RuleFor(c => c.MaxBatches).InclusiveBetween(1, 10_000);
    }
}
