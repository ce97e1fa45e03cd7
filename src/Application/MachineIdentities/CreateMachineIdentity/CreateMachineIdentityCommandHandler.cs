using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Persistence;
using RunnerTokens.Application.Identity;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.MachineIdentities.CreateMachineIdentity;

public sealed class CreateMachineIdentityCommandHandler(
    ICurrentPrincipal current,
    IAppDbContext db,
    IAuditLog audit,
    IOptions<PrincipalOptions> options,
    TimeProvider clock) : ICommandHandler<CreateMachineIdentityCommand, Result<MachineIdentityDto>>
{
    public async ValueTask<Result<MachineIdentityDto>> Handle(CreateMachineIdentityCommand command, CancellationToken cancellationToken)
    {
        var team = await db.FindManagedTeamAsync(current.Required, command.Team, cancellationToken);
        if (team.IsFailure)
        {
            return team.Error;
        }

        if (!options.Value.IsTrustedIssuer(command.Issuer))
        {
            return MachineIdentityErrors.IssuerNotTrusted;
        }

        var conditions = ManagedTeam.ParseConditions(command.ClaimConditions);
        if (conditions.IsFailure)
        {
            return conditions.Error;
        }

        var created = MachineIdentity.Create(
            team.Value.Id,
            command.Name!,
            command.Description,
            command.Issuer!,
            command.Subject!,
            conditions.Value,
            command.SingleUseTokens,
            current.Required.Id,
            clock.GetUtcNow());
        if (created.IsFailure)
        {
            return created.Error;
        }

        var identity = created.Value;
        if (await db.MachineIdentities.AnyAsync(m => m.TeamId == identity.TeamId && m.Name == identity.Name, cancellationToken))
        {
            return MachineIdentityErrors.DuplicateName;
        }

        var after = MachineIdentityDto.From(identity, team.Value.Name);
        db.MachineIdentities.Add(identity);
        audit.Record(new AuditEntry("machine_identity.created", "machine_identity", identity.Id.ToString(), AuditOutcome.Succeeded,
            TeamId: identity.TeamId, Details: new { before = (MachineIdentityDto?)null, after }));
        // The (team, name) unique index catches a concurrent create.
        var saved = await db.SaveOrConflictAsync(MachineIdentityErrors.DuplicateName, cancellationToken);
        if (saved.IsFailure)
        {
            return saved.Error;
        }

        return after;
    }
}
