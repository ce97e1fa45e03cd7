using FluentValidation;
using RunnerTokens.Application.Runners.Common;

namespace RunnerTokens.Application.Runners.ProvisionJitRunner;

public sealed class ProvisionJitRunnerCommandValidator : RunnerRequestValidator<ProvisionJitRunnerCommand>
{
    public ProvisionJitRunnerCommandValidator()
    {
        RuleFor(c => c.WorkFolder)
            .MaximumLength(200)
            .Matches(@"^[A-Za-z0-9._\-/]+$").WithMessage("A work folder is letters, digits, '.', '_', '-' and '/'.")
            .Must(folder => !folder!.StartsWith('/') && !folder.Split('/').Contains(".."))
            .WithMessage("A work folder is relative to the runner's directory and may not climb out of it ('..').")
            .When(c => c.WorkFolder is not null);
    }
}
