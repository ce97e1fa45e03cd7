using FluentValidation;

namespace RunnerTokens.Application.Audit.VerifyAuditTrail;

public sealed class VerifyAuditTrailQueryValidator : AbstractValidator<VerifyAuditTrailQuery>
{
    public VerifyAuditTrailQueryValidator()
    {
        RuleFor(q => q.AnchorSequence)
            .NotNull()
            .When(q => q.AnchorHash is not null)
            .WithMessage("'anchorSequence' and 'anchorHash' go together.");
        RuleFor(q => q.AnchorSequence).GreaterThanOrEqualTo(1);
        RuleFor(q => q.AnchorHash)
            .NotNull()
            .When(q => q.AnchorSequence is not null)
            .WithMessage("'anchorSequence' and 'anchorHash' go together.");
        RuleFor(q => q.AnchorHash)
            .Matches("^[0-9a-fA-F]{64}$")
            .When(q => q.AnchorHash is not null)
            .WithMessage("'anchorHash' is 64 hexadecimal digits.");
    }
}
