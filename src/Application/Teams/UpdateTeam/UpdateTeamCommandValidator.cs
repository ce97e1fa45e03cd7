using FluentValidation;

namespace RunnerTokens.Application.Teams.UpdateTeam;

internal sealed class UpdateTeamCommandValidator : AbstractValidator<UpdateTeamCommand>
{
    /// <summary>The description is the only editable field, so a PATCH must carry it (an empty string clears it).</summary>
    public UpdateTeamCommandValidator() => RuleFor(c => c.Description).NotNull();
}
