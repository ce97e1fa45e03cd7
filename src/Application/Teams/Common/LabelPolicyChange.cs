using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Persistence;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.Common;

/// <summary>
/// Saving a policy change (whole, or patched onto the current version): the caller's expected version is
/// checked first, saving the current settings again changes nothing, otherwise the next version is added
/// and audited in one save.
/// </summary>
internal static class LabelPolicyChange
{
    public static async Task<Result<LabelPolicyDto>> SaveNextVersionAsync(
        this IAppDbContext db,
        IAuditLog audit,
        Team team,
        LabelPolicy currentPolicy,
        LabelPolicySettings settings,
        int? expectedVersion,
        string createdBy,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (expectedVersion is { } expected && expected != currentPolicy.Version)
        {
            return TeamErrors.PolicyVersionMismatch(expected, currentPolicy.Version);
        }

        var next = currentPolicy.NextVersion(settings, createdBy, now);
        if (next.IsFailure)
        {
            return next.Error;
        }

        if (currentPolicy.HasSettings(settings))
        {
            return LabelPolicyDto.From(currentPolicy);
        }

        db.LabelPolicies.Add(next.Value);
        audit.RecordPolicyChange(team, currentPolicy, next.Value);
        // Two changes may read the same current version; the unique (team, version) index lets one win.
        var (version, id) = (next.Value.Version, next.Value.Id);
        var saved = await db.SaveOrConflictAsync(
            TeamErrors.ConcurrentChange,
            (_, ct) => db.LabelPolicies.AsNoTracking().AnyAsync(p => p.TeamId == team.Id && p.Version == version && p.Id != id, ct),
            cancellationToken);
        if (saved.IsFailure)
        {
            return saved.Error;
        }

        return LabelPolicyDto.From(next.Value);
    }
}
