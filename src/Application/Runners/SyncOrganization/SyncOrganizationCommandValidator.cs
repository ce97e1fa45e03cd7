using FluentValidation;

namespace RunnerTokens.Application.Runners.SyncOrganization;

internal sealed class SyncOrganizationCommandValidator : AbstractValidator<SyncOrganizationCommand>
{
    public SyncOrganizationCommandValidator() => RuleFor(c => c.Organization).NotEmpty().MaximumLength(100);
}
