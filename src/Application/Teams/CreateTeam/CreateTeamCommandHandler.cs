using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Persistence;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.CreateTeam;

public sealed class CreateTeamCommandHandler(
    IAppDbContext db,
    ICurrentPrincipal current,
    IAuditLog audit,
    IOrganizationCatalog organizations,
    TimeProvider clock) : ICommandHandler<CreateTeamCommand, Result<TeamDto>>
{
    public async ValueTask<Result<TeamDto>> Handle(CreateTeamCommand command, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        if (!TeamNames.IsValid(command.Name))
        {
            return TeamErrors.InvalidName;
        }

        var now = clock.GetUtcNow();
        var organization = ResolveOrganization(command.Organization);
        if (organization.IsFailure)
        {
            return organization.Error;
        }

        var created = Team.Create(command.Name, command.Description, organization.Value, now);
        if (created.IsFailure)
        {
            return created.Error;
        }

        var team = created.Value;
        var actor = principal.ToAuditActor().Id;
        var policy = LabelPolicy.First(team.Id, command.Policy ?? LabelPolicySettings.Default, actor, now);
        if (policy.IsFailure)
        {
            return policy.Error;
        }

        if (await db.Teams.AnyAsync(t => t.Name == team.Name, cancellationToken))
        {
            return TeamErrors.NameTaken;
        }

        db.Teams.Add(team);
        db.LabelPolicies.Add(policy.Value);
        audit.RecordTeamChange(TeamAudit.Created, team, before: null, after: team.Snapshot());
        audit.RecordPolicyChange(team, before: null, after: policy.Value);

        // Another request may create the same name between the check and the insert; the unique index decides.
        var saved = await db.SaveOrConflictAsync(
            TeamErrors.NameTaken, (_, ct) => NameTakenAsync(team.Name, team.Id, ct), cancellationToken);
        if (saved.IsFailure)
        {
            return saved.Error;
        }

        return TeamDto.From(team, policy.Value.Version);
    }

    /// <summary>The organization as configured (its spelling), or any valid name when none are configured.</summary>
    private Result<string> ResolveOrganization(string organization)
    {
        if (!GitHubOrganizationNames.IsValid(organization))
        {
            return TeamErrors.InvalidOrganization;
        }

        var configured = organizations.ConfiguredOrganizations;
        if (configured.Count == 0)
        {
            return organization;
        }

        var match = configured.FirstOrDefault(o => GitHubOrganizationNames.Comparer.Equals(o, organization));
        return match is null ? TeamErrors.UnknownOrganization : match;
    }

    private Task<bool> NameTakenAsync(string name, Guid newTeamId, CancellationToken cancellationToken) =>
        db.Teams.AsNoTracking().AnyAsync(t => t.Name == name && t.Id != newTeamId, cancellationToken);
}
