using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Runners.DeleteTeamRunners;

/// <param name="Statuses">Only runners in one of these statuses; all live runners when empty.</param>
/// <param name="DryRun">Report what would be deleted without deleting anything.</param>
/// <param name="Ids">Only these runners of the team (the dashboard's selection); all matching runners when null.</param>
public sealed record DeleteTeamRunnersCommand(string Team, IReadOnlyList<RunnerStatus>? Statuses, bool DryRun, IReadOnlyList<Guid>? Ids = null)
    : ICommand<Result<BulkDeletionReport>>, IRequiresPrincipal;

/// <summary>What a bulk deletion did, or with <c>dryRun</c> would do, per matched runner.</summary>
/// <param name="Matched">Live runners that matched the filter.</param>
/// <param name="Deleted">Runners deleted (0 in a dry run).</param>
public sealed record BulkDeletionReport(bool DryRun, int Matched, int Deleted, IReadOnlyList<BulkDeletionOutcome> Outcomes);

/// <summary>One matched runner and what happened to it.</summary>
/// <param name="Outcome"><c>deleted</c>, <c>would_delete</c>, <c>skipped_busy</c> or <c>failed</c>.</param>
/// <param name="ErrorCode">The problem's <c>errorCode</c> when the deletion failed; otherwise null.</param>
public sealed record BulkDeletionOutcome(Guid Id, string Name, RunnerStatus Status, string Outcome, string? ErrorCode);
