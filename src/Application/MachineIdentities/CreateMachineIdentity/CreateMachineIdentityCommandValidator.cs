using FluentValidation;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.MachineIdentities.CreateMachineIdentity;

public sealed class CreateMachineIdentityCommandValidator : AbstractValidator<CreateMachineIdentityCommand>
{
    public CreateMachineIdentityCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(MachineIdentity.MaxNameLength);
        RuleFor(c => c.Description).MaximumLength(MachineIdentity.MaxDescriptionLength);
        RuleFor(c => c.Issuer).NotEmpty().MaximumLength(MachineIdentity.MaxIssuerLength);
        RuleFor(c => c.Subject).NotEmpty().MaximumLength(MachineIdentity.MaxSubjectLength);
        RuleFor(c => c.ClaimConditions).ValidClaimConditions();
    }
}
