using FluentValidation;

namespace RunnerTokens.Application.Users.CreateUser;

public sealed class CreateUserCommandValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserCommandValidator()
    {
        RuleFor(c => c.Issuer).MaximumLength(400);
        RuleFor(c => c.Subject).MaximumLength(400);
        RuleFor(c => c.Email).MaximumLength(320).EmailAddress().When(c => !string.IsNullOrWhiteSpace(c.Email));
        RuleFor(c => c.DisplayName).MaximumLength(200);
        RuleFor(c => c.Subject)
            .NotEmpty().When(c => !string.IsNullOrWhiteSpace(c.Issuer) && string.IsNullOrWhiteSpace(c.Email))
            .WithMessage("An issuer needs a subject, or an email that it vouches for.");
        RuleFor(c => c.Issuer)
            .NotEmpty().When(c => !string.IsNullOrWhiteSpace(c.Subject))
            .WithMessage("Issuer and subject must be given together.");
        RuleFor(c => c.Email)
            .NotEmpty().When(c => string.IsNullOrWhiteSpace(c.Issuer) && string.IsNullOrWhiteSpace(c.Subject))
            .WithMessage("Give an issuer and subject, an email, or both.");
    }
}
