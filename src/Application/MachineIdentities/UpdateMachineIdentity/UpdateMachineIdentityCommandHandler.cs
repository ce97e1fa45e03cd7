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

namespace RunnerTokens.Application.MachineIdentities.UpdateMachineIdentity;

public sealed class UpdateMachineIdentityCommandHandler(
    ICurrentPrincipal current,
    IAppDbContext db,
    IAuditLog audit,
    IOptions<PrincipalOptions> options,
    TimeProvider clock) : ICommandHandler<UpdateMachineIdentityCommand, Result<MachineIdentityDto>>
{
    public async ValueTask<Result<MachineIdentityDto>> Handle(UpdateMachineIdentityCommand command, CancellationToken cancellationToken)
    {
        var team = await db.FindManagedTeamAsync(current.Required, command.Team, cancellationToken);
        if (team.IsFailure)
        {
            return team.Error;
        }

        var identity = await db.MachineIdentities
            .FirstOrDefaultAsync(m => m.Id == command.Id && m.TeamId == team.Value.Id, cancellationToken);
        if (identity is null)
        {
            return MachineIdentityErrors.NotFound;
        }

        var now = clock.GetUtcNow();
        var before = MachineIdentityDto.From(identity, team.Value.Name);

        if (command.Name is not null)
        {
            var renamed = identity.Rename(command.Name, now);
            if (renamed.IsFailure)
            {
                return renamed.Error;
            }

            if (identity.Name != before.Name
                && await db.MachineIdentities.AnyAsync(m => m.TeamId == identity.TeamId && m.Name == identity.Name && m.Id != identity.Id, cancellationToken))
            {
                return MachineIdentityErrors.DuplicateName;
            }
        }

        if (command.Description is not null)
        {
            identity.Describe(command.Description, now);
        }

        if (command.Issuer is not null || command.Subject is not null || command.ClaimConditions is not null)
        {
            var issuer = command.Issuer ?? identity.Issuer;
            if (command.Issuer is not null && !options.Value.IsTrustedIssuer(issuer))
            {
                return MachineIdentityErrors.IssuerNotTrusted;
            }

            IReadOnlyCollection<ClaimCondition> conditions = [.. identity.ClaimConditions];
            if (command.ClaimConditions is not null)
            {
                var parsed = ManagedTeam.ParseConditions(command.ClaimConditions);
                if (parsed.IsFailure)
                {
                    return parsed.Error;
                }

                conditions = parsed.Value;
            }

            var matched = identity.ChangeMatch(issuer, command.Subject ?? identity.Subject, conditions, now);
            if (matched.IsFailure)
            {
                return matched.Error;
            }
        }

        if (command.SingleUseTokens is { } singleUse)
        {
            identity.RequireSingleUseTokens(singleUse, now);
        }

        if (command.IsActive is { } active)
        {
            if (active)
            {
                identity.Activate(now);
            }
            else
            {
                identity.Deactivate(now);
            }
        }

        var after = MachineIdentityDto.From(identity, team.Value.Name);
        audit.Record(new AuditEntry("machine_identity.updated", "machine_identity", identity.Id.ToString(), AuditOutcome.Succeeded,
            TeamId: identity.TeamId, Details: new { before, after }));
        var saved = await db.SaveOrConflictAsync(MachineIdentityErrors.DuplicateName, cancellationToken);
        if (saved.IsFailure)
        {
            return saved.Error;
        }

        return after;
    }
}
