using FluentValidation;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.EvaluateAdmission;

internal sealed class EvaluateAdmissionQueryValidator : AbstractValidator<EvaluateAdmissionQuery>
{
    /// <summary>Far above the label limit (which the decision reports), low enough to bound the answer's size.</summary>
    public const int MaxRequestedLabels = Labels.MaxCount * 10;

    public EvaluateAdmissionQueryValidator() =>
        RuleFor(q => q.Labels!.Count)
            .LessThanOrEqualTo(MaxRequestedLabels)
            .OverridePropertyName(nameof(EvaluateAdmissionQuery.Labels))
            .WithMessage($"At most {MaxRequestedLabels} labels can be evaluated at once.")
            .When(q => q.Labels is not null);
}
