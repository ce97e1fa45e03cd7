using FluentValidation;

namespace RunnerTokens.Application.Teams.CreateTeam;

/// <summary>Shape only: the name, organization and policy rules are the domain's (with their own error codes).</summary>
internal sealed class CreateTeamCommandValidator : AbstractValidator<CreateTeamCommand>
{
    public CreateTeamCommandValidator()
    {
        RuleFor(c => c.Name).NotNull();
        RuleFor(c => c.Organization).NotNull();
    }
}
