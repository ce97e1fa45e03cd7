using RunnerTokens.Domain.Common;

namespace RunnerTokens.Domain.Runners;

public static class RunnerErrors
{
    public static readonly Error NotFound = Error.NotFound("runner.not_found", "No such runner.");

    public static readonly Error NameConflict =
        Error.Conflict("runner.name_conflict", "A live runner with this name already exists in the organization.");

    /// <summary>Same code as <see cref="NameConflict"/>: the name belongs to a runner at GitHub the service does not own.</summary>
    public static readonly Error NameTakenAtGitHub =
        Error.Conflict("runner.name_conflict", "A runner with this name already exists at GitHub in the organization.");

    public static readonly Error Busy =
        Error.Conflict("runner.busy", "The runner is running a job; an administrator can delete it with force=true.");

    public static readonly Error AlreadyDeleted =
        Error.Conflict("runner.already_deleted", "The runner is already deleted.");

    public static Error IllegalTransition(RunnerStatus from, string change) =>
        Error.Conflict("runner.illegal_transition", $"A {from.ToString().ToLowerInvariant()} runner cannot be {change}.");
}
