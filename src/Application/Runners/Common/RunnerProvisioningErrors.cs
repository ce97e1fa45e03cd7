using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Runners.Common;

public static class RunnerProvisioningErrors
{
    public static readonly Error TeamRequired = Error.Validation(
        "runner.team_required", "Name the team: you belong to more than one team, or to none.");

    public static readonly Error LabelsRequired = Error.Validation(
        "runner.labels_required", "A runner needs at least one label; the team's policy requires none, so send some.");

    public static readonly Error RegistrationTokensNotAllowed = Error.Forbidden(
        "runner.registration_tokens_not_allowed", "The team's policy does not allow registration tokens; ask for a JIT configuration.");

    public static readonly Error CommitFailed = Error.Unavailable(
        "runner.commit_failed", "The runner could not be recorded; it was removed at GitHub again. Try again.");

    /// <summary>The registration token's row was cleaned up before it could be recorded: the token is not handed out.</summary>
    public static readonly Error RegistrationTokenNotRecorded = CommitFailed with
    {
        Message = "The registration token could not be recorded, so it was not handed out (unused, it expires within the hour). Try again.",
    };

    public static readonly Error InFlight = Error.Conflict(
        "runner.provisioning_in_flight", "The runner is still being provisioned; try again in a moment.");
}
