using FluentValidation;

namespace RunnerTokens.Application.Teams.SetTeamMember;

internal sealed class SetTeamMemberCommandValidator : AbstractValidator<SetTeamMemberCommand>
{
    public SetTeamMemberCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Role).IsInEnum();
    }
}
