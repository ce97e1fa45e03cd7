using FluentValidation;

namespace RunnerTokens.Application.Sync.SyncOrganization;

internal sealed class SyncOrganizationCommandValidator : AbstractValidator<SyncOrganizationCommand>
{
    public SyncOrganizationCommandValidator() => RuleFor(c => c.Organization).NotEmpty().MaximumLength(100);
}
