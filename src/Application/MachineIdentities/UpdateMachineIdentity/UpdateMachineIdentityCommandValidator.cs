using FluentValidation;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.MachineIdentities.UpdateMachineIdentity;

public sealed class UpdateMachineIdentityCommandValidator : AbstractValidator<UpdateMachineIdentityCommand>
{
    public UpdateMachineIdentityCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(MachineIdentity.MaxNameLength).When(c => c.Name is not null);
        RuleFor(c => c.Description).MaximumLength(MachineIdentity.MaxDescriptionLength);
        RuleFor(c => c.Issuer).NotEmpty().MaximumLength(MachineIdentity.MaxIssuerLength).When(c => c.Issuer is not null);
        RuleFor(c => c.Subject).NotEmpty().MaximumLength(MachineIdentity.MaxSubjectLength).When(c => c.Subject is not null);
        RuleFor(c => c.ClaimConditions).ValidClaimConditions();
        RuleFor(c => c)
            .Must(c => c.Name is not null || c.Description is not null || c.Issuer is not null || c.Subject is not null
                       || c.ClaimConditions is not null || c.SingleUseTokens is not null || c.IsActive is not null)
            .WithName("body")
            .WithMessage("Give at least one field to change.");
    }
}
