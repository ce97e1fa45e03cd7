using Mediator;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Runners.SyncOrganization;

public sealed class SyncOrganizationCommandHandler(OrganizationSync sync) : ICommandHandler<SyncOrganizationCommand, Result<SyncRunDto>>
{
    public async ValueTask<Result<SyncRunDto>> Handle(SyncOrganizationCommand command, CancellationToken cancellationToken) =>
        await sync.SyncAsync(command.Organization, cancellationToken);
}
