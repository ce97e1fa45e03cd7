using FluentValidation;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Runners.Common;

/// <summary>Shape rules shared by both provisioning requests. Label content is the policy's business, not shape.</summary>
public abstract class RunnerRequestValidator<T> : AbstractValidator<T>
    where T : IRunnerRequest
{
    protected RunnerRequestValidator()
    {
        RuleFor(c => c.Name)
            .Must((c, name) => (name is null) != (c.NamePrefix is null))
            .WithMessage("Give exactly one of name and namePrefix.");
        RuleFor(c => c.Name)
            .Must(RunnerName.IsValid)
            .When(c => c.Name is not null)
            .WithMessage("A runner name is 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        RuleFor(c => c.NamePrefix)
            .Must(RunnerName.IsValidPrefix)
            .When(c => c.NamePrefix is not null)
            .WithMessage("A name prefix is 1-50 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        RuleFor(c => c.Labels)
            .Must(labels => labels is null || labels.Count <= 100)
            .WithMessage("At most 100 labels.");
        RuleFor(c => c.RunnerGroupId)
            .GreaterThan(0)
            .When(c => c.RunnerGroupId is not null);
        RuleFor(c => c.Team)
            .MaximumLength(63);
    }
}
