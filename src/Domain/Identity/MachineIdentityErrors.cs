using RunnerTokens.Domain.Common;

namespace RunnerTokens.Domain.Identity;

public static class MachineIdentityErrors
{
    public static readonly Error NotFound =
        Error.NotFound("machine_identity.not_found", "No such machine identity in this team.");

    public static readonly Error DuplicateName =
        Error.Conflict("machine_identity.duplicate_name", "The team already has a machine identity with this name.");

    public static readonly Error NameRequired =
        Error.Validation("machine_identity.name_required", $"A name is 1-{MachineIdentity.MaxNameLength} characters.");

    public static readonly Error IssuerAndSubjectRequired =
        Error.Validation("machine_identity.issuer_subject_required", "A machine identity needs an issuer and a subject.");

    public static readonly Error TooManyConditions =
        Error.Validation("machine_identity.too_many_conditions", $"At most {MachineIdentity.MaxConditions} claim conditions are allowed.");

    public static readonly Error DuplicateCondition =
        Error.Validation("machine_identity.duplicate_condition", "Each claim may have one condition only.");

    public static Error InvalidCondition(string message) =>
        Error.Validation("machine_identity.invalid_condition", message);

    public static readonly Error IssuerNotTrusted =
        Error.Validation("machine_identity.issuer_not_trusted", "The issuer is not one of the issuers this service trusts.");

    public static readonly Error SubjectConflict =
        Error.Conflict("machine_identity.subject_conflict",
            "Another principal already answers to this issuer and subject (a user, or a machine identity whose claim conditions overlap). Narrow the claim conditions or pick another subject.");

    public static readonly Error IssuerNotForMachines =
        Error.Validation("machine_identity.issuer_not_for_machines", "This issuer is configured for users only (Purpose Users).");

    public static Error RequiredConditionMissing(string claim) =>
        Error.Validation("machine_identity.required_condition_missing",
            $"Machine identities of this issuer need a condition on the claim '{claim}' (anyone can obtain tokens with a chosen subject from it).");
}
