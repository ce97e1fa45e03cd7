using FluentValidation;

namespace RunnerTokens.Application.Teams.PatchLabelPolicy;

internal sealed class PatchLabelPolicyCommandValidator : AbstractValidator<PatchLabelPolicyCommand>
{
    public PatchLabelPolicyCommandValidator() =>
        RuleFor(c => c.Patch).NotNull().Custom((patch, context) =>
        {
            foreach (var field in patch.NullFields())
            {
                context.AddFailure(field, $"{field} cannot be null: send [] to empty a list, false to turn a flag off, or leave the field out to keep it.");
            }
        });
}
