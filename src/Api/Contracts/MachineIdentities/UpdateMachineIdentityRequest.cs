namespace RunnerTokens.Api.Contracts.MachineIdentities;

/// <summary>Fields left out (or null) stay as they are; <c>claimConditions</c>, when given, replaces all conditions.</summary>
public sealed record UpdateMachineIdentityRequest(
    string? Name,
    string? Description,
    string? Issuer,
    string? Subject,
    Dictionary<string, string>? ClaimConditions,
    bool? SingleUseTokens,
    bool? IsActive);
