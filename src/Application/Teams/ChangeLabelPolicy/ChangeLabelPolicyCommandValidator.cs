using FluentValidation;

namespace RunnerTokens.Application.Teams.ChangeLabelPolicy;

internal sealed class ChangeLabelPolicyCommandValidator : AbstractValidator<ChangeLabelPolicyCommand>
{
    public ChangeLabelPolicyCommandValidator() => RuleFor(c => c.Settings).NotNull();
}
