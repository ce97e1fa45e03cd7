using FluentValidation;

namespace RunnerTokens.Application.Users.UpdateUser;

public sealed class UpdateUserCommandValidator : AbstractValidator<UpdateUserCommand>
{
    public UpdateUserCommandValidator()
    {
        RuleFor(c => c.DisplayName)
            .Must(n => !string.IsNullOrWhiteSpace(n)).When(c => c.DisplayName is not null)
            .WithMessage("The display name cannot be blank.")
            .MaximumLength(200);
        RuleFor(c => c)
            .Must(c => c.DisplayName is not null || c.IsAdmin is not null || c.IsActive is not null)
            .WithName("body")
            .WithMessage("Give at least one of displayName, isAdmin, isActive.");
    }
}
