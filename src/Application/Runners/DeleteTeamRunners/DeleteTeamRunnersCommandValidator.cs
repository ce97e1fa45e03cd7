using FluentValidation;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Runners.DeleteTeamRunners;

public sealed class DeleteTeamRunnersCommandValidator : AbstractValidator<DeleteTeamRunnersCommand>
{
    public const int MaxIds = 500;

    public DeleteTeamRunnersCommandValidator()
    {
        RuleFor(c => c.Team).NotEmpty().MaximumLength(63);
        RuleForEach(c => c.Statuses)
            .Must(s => s != RunnerStatus.Deleted)
            .WithMessage("Deleted runners cannot be deleted again; choose live statuses.");
        RuleFor(c => c.Ids!.Count).LessThanOrEqualTo(MaxIds).When(c => c.Ids is not null)
            .WithMessage($"Select at most {MaxIds} runners at a time.");
    }
}
